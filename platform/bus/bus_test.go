package bus_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

type addRequest struct{ A, B int }
type addReply struct{ Sum int }

var (
	add      = bus.Endpoint[addRequest, addReply]("calc.Add", bus.Idempotent())
	divide   = bus.Endpoint[addRequest, addReply]("calc.Divide")
	unserved = bus.Endpoint[addRequest, addReply]("nobody.Serves")
	computed = bus.Topic[addReply]("calc.computed.v1")
)

var errDivideByZero = shared.NewReason(shared.CodeInvalid, "divide_by_zero", "division by zero")

func serveCalc(b *bus.Bus) {
	add.Handle(b, func(_ context.Context, r addRequest) (addReply, error) { return addReply{Sum: r.A + r.B}, nil })
	divide.Handle(b, func(ctx context.Context, r addRequest) (addReply, error) {
		switch {
		case r.B == 0:
			return addReply{}, errDivideByZero.With("cannot divide %d by zero", r.A)
		case r.B < 0:
			return addReply{}, errors.New("negative divisors crash the abacus")
		case r.B == 7:
			<-ctx.Done()
			return addReply{}, ctx.Err()
		}
		return addReply{Sum: r.A / r.B}, nil
	})
}

func TestTypedCall(t *testing.T) {
	b := bus.New()
	serveCalc(b)
	got, err := add.Call(context.Background(), b, addRequest{A: 2, B: 40})
	if err != nil || got.Sum != 42 {
		t.Fatalf("add = %+v, %v; want 42", got, err)
	}
}

func TestMiddlewareRunsInOrderAroundEveryCall(t *testing.T) {
	b := bus.New()
	serveCalc(b)
	var trail []string
	record := func(name string) bus.Middleware {
		return func(next bus.Handler) bus.Handler {
			return func(ctx context.Context, c *bus.Call) error {
				trail = append(trail, name+">"+c.Name)
				err := next(ctx, c)
				trail = append(trail, "<"+name)
				return err
			}
		}
	}
	b.Use(record("tracing"), record("metrics"))
	b.Use(record("breaker"))
	if _, err := add.Call(context.Background(), b, addRequest{A: 1, B: 1}); err != nil {
		t.Fatal(err)
	}
	want := []string{"tracing>calc.Add", "metrics>calc.Add", "breaker>calc.Add", "<breaker", "<metrics", "<tracing"}
	if !slices.Equal(trail, want) {
		t.Errorf("trail = %v, want %v", trail, want)
	}
}

func TestErrorsKeepTheirCodeThroughTheChain(t *testing.T) {
	for _, tr := range transports() {
		t.Run(tr.name, func(t *testing.T) {
			b := tr.caller()
			b.Use(func(next bus.Handler) bus.Handler {
				return func(ctx context.Context, c *bus.Call) error { return next(ctx, c) }
			})
			ctx := context.Background()
			_, err := divide.Call(ctx, b, addRequest{A: 1, B: 0})
			if !errors.Is(err, errDivideByZero) || !errors.Is(err, shared.ErrInvalid) || errors.Is(err, shared.ErrNotFound) {
				t.Errorf("divide by zero: %v; want errDivideByZero and ErrInvalid", err)
			}
			if e := shared.AsError(err); !strings.Contains(e.Message, "cannot divide 1 by zero") {
				t.Errorf("message lost: %q", e.Message)
			}
			if _, err := divide.Call(ctx, b, addRequest{A: 1, B: -1}); !errors.Is(err, shared.ErrInternal) {
				t.Errorf("plain error: %v; want ErrInternal", err)
			}
			short, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
			defer cancel()
			if _, err := divide.Call(short, b, addRequest{A: 1, B: 7}); !errors.Is(err, shared.ErrUnavailable) {
				t.Errorf("deadline: %v; want ErrUnavailable", err)
			}
			if _, err := unserved.Call(ctx, b, addRequest{}); !errors.Is(err, bus.ErrUnknownEndpoint) || !errors.Is(err, shared.ErrNotFound) {
				t.Errorf("unknown endpoint: %v; want ErrUnknownEndpoint (not found)", err)
			}
		})
	}
}

// transports gives a caller bus for each way a call may travel: to a local
// handler, or through a transport that encodes everything as JSON to a bus
// in "another process", as the HTTP transport does.
func transports() []struct {
	name   string
	caller func() *bus.Bus
} {
	return []struct {
		name   string
		caller func() *bus.Bus
	}{
		{"local", func() *bus.Bus { b := bus.New(); serveCalc(b); return b }},
		{"remote", func() *bus.Bus {
			server := bus.New()
			serveCalc(server)
			b := bus.New()
			b.Route("calc", jsonTransport{server})
			return b
		}},
	}
}

type jsonTransport struct{ server *bus.Bus }

func (j jsonTransport) Invoke(ctx context.Context, c *bus.Call) error {
	body, err := json.Marshal(c.Request)
	if err != nil {
		return err
	}
	reply, err := j.server.Serve(ctx, c.Name, body)
	if err != nil {
		wire, _ := json.Marshal(shared.AsError(err))
		var back shared.Error
		if err := json.Unmarshal(wire, &back); err != nil {
			return err
		}
		return &back
	}
	return json.Unmarshal(reply, c.Reply)
}

func TestRegistryListsOwnersAndPlaces(t *testing.T) {
	b := bus.New()
	serveCalc(b)
	b.Route("nobody", jsonTransport{bus.New()})
	computed.Consume(b, "ledger", func(context.Context, addReply) error { return nil })
	r := b.Registry()
	served := map[string]string{}
	for _, e := range r.Endpoints {
		served[e.Name] = e.Module + "/" + e.Served
	}
	for name, want := range map[string]string{"calc.Add": "calc/local", "calc.Divide": "calc/local", "nobody.Serves": "nobody/remote"} {
		if served[name] != want {
			t.Errorf("%s = %q, want %q", name, served[name], want)
		}
	}
	if !slices.Contains(r.Modules, "calc") || !slices.Contains(r.Modules, "ledger") {
		t.Errorf("modules = %v, want calc and ledger", r.Modules)
	}
	found := false
	for _, s := range r.Subscriptions {
		found = found || (s.Topic == "calc.computed.v1" && s.Module == "ledger" && !s.Transactional)
	}
	if !found {
		t.Errorf("subscriptions = %+v, want ledger on calc.computed.v1", r.Subscriptions)
	}
	topicOwner := ""
	for _, tp := range r.Topics {
		if tp.Name == "calc.computed.v1" {
			topicOwner = tp.Module
		}
	}
	if topicOwner != "calc" {
		t.Errorf("topic owner = %q, want calc", topicOwner)
	}
}

func TestDeclarationsAreChecked(t *testing.T) {
	for _, tc := range []struct {
		name string
		fn   func()
	}{
		{"no module", func() { bus.Endpoint[addRequest, addReply]("Add") }},
		{"twice", func() { bus.Endpoint[addRequest, addReply]("calc.Add") }},
		{"handled twice", func() { b := bus.New(); serveCalc(b); serveCalc(b) }},
		{"last good of a write", func() { bus.Endpoint[addRequest, addReply]("calc.Write", bus.LastGood()) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "bus:") {
					t.Errorf("got %v, want a bus: panic", r)
				}
			}()
			tc.fn()
		})
	}
}
