// Package bus is how modules talk: typed endpoints (request/reply) and typed
// topics (events through the transactional outbox). A contract declares them
// as package values:
//
//	var Charge = bus.Endpoint[ChargeRequest, ChargeReply]("payment.Charge", bus.Idempotent())
//	var Captured = bus.Topic[CapturedEvent]("payment.captured.v1")
//
// Every call and every delivery passes one middleware chain owned by the bus
// (a process installs metrics and tracing there). Where an
// endpoint runs is the bus's business: a local handler, or a Transport that
// reaches the module in another process. Callers never change.
package bus

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/jubako/jubako/shared"
)

// Kind tells a Call for an endpoint from the delivery of an event.
type Kind uint8

// The kinds of Call.
const (
	KindCall Kind = iota
	KindEvent
)

func (k Kind) String() string {
	if k == KindEvent {
		return "event"
	}
	return "call"
}

// Call is one endpoint invocation or event delivery on its way through the
// middleware chain.
type Call struct {
	Kind Kind
	// Name is the endpoint ("payment.Charge") or topic ("catalog.price_changed.v1").
	Name string
	// Module serves the call: the endpoint's owner, or the subscriber of an event.
	Module string
	// Remote is true when a Transport carries the call to another process.
	Remote bool
	// Inbound is true for a call another process made (Serve): its caller's
	// process already applied its policies to it.
	Inbound bool
	// Endpoint describes the endpoint; nil for events.
	Endpoint *EndpointInfo
	// MessageID identifies a delivered event (the outbox row).
	MessageID string
	// Request points at the request or event value; Reply at the reply value.
	Request any
	Reply   any

	target Handler
}

// Handler runs a Call.
type Handler func(ctx context.Context, c *Call) error

// Middleware wraps a Handler. The first middleware given to Use is outermost.
type Middleware func(next Handler) Handler

// Transport carries calls to a module served by another process. It encodes
// c.Request, decodes the answer into c.Reply and returns *shared.Error values
// so that errors.Is behaves as for a local call.
type Transport interface {
	Invoke(ctx context.Context, c *Call) error
}

// Bus routes calls and deliveries of one process.
type Bus struct {
	mu         sync.RWMutex
	handlers   map[string]Handler
	transports map[string]Transport
	subs       map[subKey]*Subscription
	modules    map[string]bool
	mws        []Middleware
	chain      atomic.Pointer[Handler]
}

// New returns an empty bus.
func New() *Bus {
	b := &Bus{
		handlers:   map[string]Handler{},
		transports: map[string]Transport{},
		subs:       map[subKey]*Subscription{},
		modules:    map[string]bool{},
	}
	b.rebuild()
	return b
}

// Use appends middleware to the chain. Call it while wiring, before traffic.
func (b *Bus) Use(mws ...Middleware) {
	b.mu.Lock()
	b.mws = append(b.mws, mws...)
	b.mu.Unlock()
	b.rebuild()
}

func (b *Bus) rebuild() {
	b.mu.RLock()
	defer b.mu.RUnlock()
	var h Handler = func(ctx context.Context, c *Call) error { return c.target(ctx, c) }
	for i := len(b.mws) - 1; i >= 0; i-- {
		h = b.mws[i](h)
	}
	b.chain.Store(&h)
}

// AddModule records that module runs in this process.
func (b *Bus) AddModule(module string) {
	b.mu.Lock()
	b.modules[module] = true
	b.mu.Unlock()
}

// Route sends every endpoint of module through t. Used when the module is
// served by another process.
func (b *Bus) Route(module string, t Transport) {
	b.mu.Lock()
	b.transports[module] = t
	b.mu.Unlock()
}

func (b *Bus) handle(info *EndpointInfo, h Handler) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, dup := b.handlers[info.Name]; dup {
		panic(fmt.Sprintf("bus: endpoint %s handled twice", info.Name))
	}
	b.handlers[info.Name] = h
	b.modules[info.Module] = true
}

// ErrUnknownEndpoint is returned for a call that no local handler and no
// transport serves.
var ErrUnknownEndpoint = shared.NewReason(shared.CodeNotFound, "unknown_endpoint", "unknown endpoint")

func (b *Bus) invoke(ctx context.Context, c *Call) error {
	b.mu.RLock()
	h, local := b.handlers[c.Name]
	t, remote := b.transports[c.Module]
	b.mu.RUnlock()
	switch {
	case local:
		c.target = h
	case remote:
		c.Remote = true
		c.target = t.Invoke
	default:
		return ErrUnknownEndpoint.With("no handler or route for endpoint %q", c.Name)
	}
	if err := (*b.chain.Load())(ctx, c); err != nil {
		return shared.AsError(err)
	}
	return nil
}
