package remote_test

import (
	"context"
	"errors"
	"maps"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"go.opentelemetry.io/otel/trace"
	"go.uber.org/fx"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/platform/host"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// The calc module exists only in these tests: one process serves it, another
// reaches it over HTTP. Its endpoints cover what a transport must carry.

type addRequest struct {
	A      int               `json:"a"`
	B      int               `json:"b"`
	Label  string            `json:"label"`
	Labels map[string]string `json:"labels"`
	At     time.Time         `json:"at"`
}

type addReply struct {
	Sum    int               `json:"sum"`
	Echo   addRequest        `json:"echo"`
	Prices []shared.Money    `json:"prices"`
	Notes  map[string]string `json:"notes"`
}

type recordRequest struct {
	Value string `json:"value"`
}

type recordReply struct {
	Count int64 `json:"count"`
}

type failRequest struct {
	Kind string `json:"kind"`
}

type inspectReply struct {
	HasDeadline bool      `json:"has_deadline"`
	Deadline    time.Time `json:"deadline"`
	TraceID     string    `json:"trace_id"`
}

type sleepRequest struct {
	Millis int `json:"millis"`
}

var (
	add     = bus.Endpoint[addRequest, addReply]("calc.Add", bus.Idempotent())
	record  = bus.Endpoint[recordRequest, recordReply]("calc.Record")
	fail    = bus.Endpoint[failRequest, struct{}]("calc.Fail", bus.Idempotent())
	inspect = bus.Endpoint[struct{}, inspectReply]("calc.Inspect", bus.Idempotent())
	sleep   = bus.Endpoint[sleepRequest, struct{}]("calc.Sleep", bus.Idempotent())

	errOdd   = shared.NewReason(shared.CodeInvalid, "odd_number", "odd numbers are refused")
	errTaken = shared.NewReason(shared.CodeConflict, "taken", "already taken")

	_ = bus.PublicPaths("calc", "/api/calculator")
)

// calc is the state of one serving process, for assertions.
type calc struct {
	adds    atomic.Int64
	records atomic.Int64
	echoes  atomic.Int64
	// slept receives how each Sleep ended: nil, or the context's error.
	slept chan error
}

func newCalc() *calc { return &calc{slept: make(chan error, 8)} }

func (s *calc) module() fx.Option {
	return host.Module("calc", fx.Invoke(func(b *bus.Bus, g *gateway.Gateway) {
		add.Handle(b, s.add)
		record.Handle(b, s.record)
		fail.Handle(b, s.fail)
		inspect.Handle(b, s.inspect)
		sleep.Handle(b, s.sleep)
		s.mount(g)
	}))
}

func (s *calc) add(_ context.Context, r addRequest) (addReply, error) {
	s.adds.Add(1)
	return addReply{
		Sum:    r.A + r.B,
		Echo:   r,
		Prices: []shared.Money{{CurrencyCode: "EUR", Units: int64(r.A), Nanos: 500_000_000}},
		Notes:  map[string]string{"label": r.Label},
	}, nil
}

func (s *calc) record(context.Context, recordRequest) (recordReply, error) {
	return recordReply{Count: s.records.Add(1)}, nil
}

func (s *calc) fail(_ context.Context, r failRequest) (struct{}, error) {
	switch r.Kind {
	case "odd":
		e := errOdd.With("%d is odd", 7)
		e.Field = "numbers[2]"
		return struct{}{}, e
	case "taken":
		return struct{}{}, errTaken
	case "missing":
		return struct{}{}, shared.Errorf(shared.CodeNotFound, "no such sum")
	default:
		return struct{}{}, errors.New("the abacus is on fire")
	}
}

func (s *calc) inspect(ctx context.Context, _ struct{}) (inspectReply, error) {
	deadline, ok := ctx.Deadline()
	var traceID string
	if sc := trace.SpanContextFromContext(ctx); sc.IsValid() {
		traceID = sc.TraceID().String()
	}
	return inspectReply{HasDeadline: ok, Deadline: deadline, TraceID: traceID}, nil
}

func (s *calc) sleep(ctx context.Context, r sleepRequest) (struct{}, error) {
	var err error
	select {
	case <-time.After(time.Duration(r.Millis) * time.Millisecond):
	case <-ctx.Done():
		err = ctx.Err()
	}
	select {
	case s.slept <- err:
	default:
	}
	return struct{}{}, err
}

// The token every process of these tests shares.
const token = "remote-test-service-token"

// startServer runs a process serving calc.
func startServer(t *testing.T, s *calc) *testkit.Process {
	t.Helper()
	return testkit.StartWith(t, testkit.Options{
		Backend:  testkit.SQLite(t),
		Settings: testkit.Settings{"service.token": token},
		Modules:  []fx.Option{s.module()},
	})
}

// startClient runs a process that reaches calc at url; extra settings
// override the defaults.
func startClient(t *testing.T, url string, extra testkit.Settings) *testkit.Process {
	t.Helper()
	settings := testkit.Settings{"service.token": token, "modules.calc.url": url}
	maps.Copy(settings, extra)
	return testkit.StartWith(t, testkit.Options{Backend: testkit.SQLite(t), Settings: settings, Remote: []string{"calc"}})
}

// startPair runs a server and a client of it.
func startPair(t *testing.T) (*calc, *testkit.Process, *testkit.Process) {
	t.Helper()
	s := newCalc()
	server := startServer(t, s)
	return s, server, startClient(t, server.URL, nil)
}

// describe shows the code, reason and message of err, for failures.
func describe(err error) string {
	if err == nil {
		return "no error"
	}
	e := shared.AsError(err)
	return string(e.Code) + "/" + e.Reason + ": " + e.Message
}

// deadURL is the address of a port nobody listens on.
func deadURL(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return "http://" + ln.Addr().String()
}
