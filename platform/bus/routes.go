package bus

import (
	"sort"
	"sync"

	"github.com/jubako/jubako/shared"
)

// Route describes one public HTTP route of a module for the API document
// the gateway serves. A contract declares its module's routes with Routes,
// beside its endpoints: the contract is linked into every build, so a
// process that forwards the module to another one still describes them.
// Types are given as values; the gateway reflects their JSON schemas, so a
// changed struct changes the document.
type Route struct {
	// Method and Path name the route: "GET", "/api/widgets/{id}".
	Method, Path string
	// Summary is one line; Description, when set, says what a client must
	// know besides the types.
	Summary, Description string
	// Params is a struct value whose fields tagged path, query or header
	// are the route's parameters (a description tag explains one).
	Params any
	// Body is a value of the JSON request body's type; nil for none.
	Body any
	// Reply is a value of the JSON answer's type; nil for an answer
	// without a body.
	Reply any
	// Status is the status of success; 200 when zero.
	Status int
	// Access says who may call the route.
	Access Access
	// IdempotencyKey is set when the route honours an Idempotency-Key
	// header: the same key repeats the first answer instead of acting twice.
	IdempotencyKey bool
	// Errors are the errors the route itself may answer
	// (ErrWidgetNotFound, shared.ErrConflict); the edge's own — bad
	// input, a bad token, the rate limit, unavailability — go without saying.
	Errors []*shared.Error
}

// Access says who may call a route.
type Access uint8

// The accesses.
const (
	// Anyone may call: visitors (a guest session) and users.
	Anyone Access = iota
	// Users must send a bearer token.
	Users
	// Admins must send an admin's bearer token.
	Admins
)

var described struct {
	sync.Mutex
	routes map[string][]Route
}

// Routes declares the public HTTP routes of module. Contracts call it once:
//
//	var _ = bus.Routes("widgets", bus.Route{Method: http.MethodGet, Path: "/api/widgets/{id}", …})
func Routes(module string, routes ...Route) bool {
	described.Lock()
	defer described.Unlock()
	if described.routes == nil {
		described.routes = map[string][]Route{}
	}
	described.routes[module] = append(described.routes[module], routes...)
	return true
}

// DescribedModules lists the modules that declared routes, sorted.
func DescribedModules() []string {
	described.Lock()
	defer described.Unlock()
	out := make([]string, 0, len(described.routes))
	for m := range described.routes {
		out = append(out, m)
	}
	sort.Strings(out)
	return out
}

// RoutesOf returns the routes module declared, in declaration order.
func RoutesOf(module string) []Route {
	described.Lock()
	defer described.Unlock()
	return append([]Route(nil), described.routes[module]...)
}

// Reaches reports whether module runs in this process or is routed to
// the process serving it.
func (b *Bus) Reaches(module string) bool {
	b.mu.RLock()
	defer b.mu.RUnlock()
	_, remote := b.transports[module]
	return b.modules[module] || remote
}
