package bus

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/jubako/jubako/shared"
)

// EndpointInfo describes a declared endpoint.
type EndpointInfo struct {
	Name   string
	Module string
	// Idempotent endpoints may be retried by a transport after a failure
	// that left the outcome unknown.
	Idempotent bool
	// LastGood endpoints are queries whose last successful reply to the
	// same request may answer a call the provider cannot (see LastGood).
	LastGood bool
	Request  reflect.Type
	Reply    reflect.Type
}

// NewRequest returns a pointer to a zero request, for decoders.
func (i *EndpointInfo) NewRequest() any { return reflect.New(i.Request).Interface() }

// NewReply returns a pointer to a zero reply, for decoders.
func (i *EndpointInfo) NewReply() any { return reflect.New(i.Reply).Interface() }

// EndpointOption refines a declaration.
type EndpointOption func(*EndpointInfo)

// Idempotent marks an endpoint safe to repeat: a query, or a command that
// takes an idempotency key.
func Idempotent() EndpointOption { return func(i *EndpointInfo) { i.Idempotent = true } }

// LastGood declares a read endpoint that may be answered from its last
// successful reply to the same request, marked stale (see MarkStale), when
// its provider fails or its breaker is open. Only a query may say so: the
// declaration panics unless the endpoint is also Idempotent. Writes and
// saga steps never declare it.
func LastGood() EndpointOption { return func(i *EndpointInfo) { i.LastGood = true } }

// EndpointOf is a typed endpoint, declared once in a contract package.
type EndpointOf[Req, Rep any] struct{ info *EndpointInfo }

// Endpoint declares the endpoint "<module>.<Name>" with its request and reply
// types. Declaring the same name twice panics at init.
func Endpoint[Req, Rep any](name string, opts ...EndpointOption) EndpointOf[Req, Rep] {
	info := &EndpointInfo{
		Name:    name,
		Module:  moduleOf(name),
		Request: reflect.TypeFor[Req](),
		Reply:   reflect.TypeFor[Rep](),
	}
	for _, o := range opts {
		o(info)
	}
	if info.LastGood && !info.Idempotent {
		panic(fmt.Sprintf("bus: %s may answer from its last good reply only if it is also Idempotent", name))
	}
	declare(&declared.endpoints, name, info)
	return EndpointOf[Req, Rep]{info: info}
}

// Info describes the endpoint.
func (e EndpointOf[Req, Rep]) Info() *EndpointInfo { return e.info }

// Handle makes fn serve the endpoint in this process.
func (e EndpointOf[Req, Rep]) Handle(b *Bus, fn func(context.Context, Req) (Rep, error)) {
	b.handle(e.info, func(ctx context.Context, c *Call) error {
		rep, err := fn(ctx, *c.Request.(*Req))
		if err != nil {
			return err
		}
		*c.Reply.(*Rep) = rep
		return nil
	})
}

// Call invokes the endpoint, locally or remotely, through the middleware
// chain. Errors are *shared.Error values.
func (e EndpointOf[Req, Rep]) Call(ctx context.Context, b *Bus, req Req) (Rep, error) {
	f := &frame[Req, Rep]{req: req}
	f.call = Call{Kind: KindCall, Name: e.info.Name, Module: e.info.Module, Endpoint: e.info, Request: &f.req, Reply: &f.rep}
	err := b.invoke(ctx, &f.call)
	return f.rep, err
}

// frame holds a call with its request and reply: one allocation per call
// instead of three.
type frame[Req, Rep any] struct {
	call Call
	req  Req
	rep  Rep
}

// Serve runs a call that arrived encoded as JSON (from a remote caller)
// through this bus, and returns the JSON reply.
func (b *Bus) Serve(ctx context.Context, name string, body []byte) ([]byte, error) {
	info, ok := LookupEndpoint(name)
	if !ok {
		return nil, ErrUnknownEndpoint.With("unknown endpoint %q", name)
	}
	req := info.NewRequest()
	if err := shared.DecodeJSON(body, req); err != nil {
		return nil, err
	}
	c := Call{Kind: KindCall, Name: name, Module: info.Module, Endpoint: info, Request: req, Reply: info.NewReply(), Inbound: true}
	b.mu.RLock()
	_, local := b.handlers[name]
	b.mu.RUnlock()
	if !local {
		return nil, ErrUnknownEndpoint.With("endpoint %q is not served by this process", name)
	}
	if err := b.invoke(ctx, &c); err != nil {
		return nil, err
	}
	return json.Marshal(c.Reply)
}

func moduleOf(name string) string {
	module, rest, ok := strings.Cut(name, ".")
	if !ok || module == "" || rest == "" {
		panic(fmt.Sprintf("bus: name %q must be <module>.<name>", name))
	}
	return module
}

var declared struct {
	sync.Mutex
	endpoints map[string]*EndpointInfo
	topics    map[string]*TopicInfo
	paths     map[string][]string
}

func declare[T any](m *map[string]T, name string, v T) {
	declared.Lock()
	defer declared.Unlock()
	if *m == nil {
		*m = map[string]T{}
	}
	if _, dup := (*m)[name]; dup {
		panic(fmt.Sprintf("bus: %s declared twice", name))
	}
	(*m)[name] = v
}

// LookupEndpoint finds a declared endpoint by name.
func LookupEndpoint(name string) (*EndpointInfo, bool) {
	declared.Lock()
	defer declared.Unlock()
	info, ok := declared.endpoints[name]
	return info, ok
}
