package grpcserver_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"go.opentelemetry.io/otel/baggage"
	"go.opentelemetry.io/otel/trace"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/types/known/wrapperspb"

	"github.com/jubako/jubako/platform/chaos"
	"github.com/jubako/jubako/platform/grpcserver"
	"github.com/jubako/jubako/platform/host"
	"github.com/jubako/jubako/platform/telemetry"
	"github.com/jubako/jubako/platform/testkit"
)

// echo is a service of a fake module "echo": Echo answers its request,
// Charge (restricted) too, Panic panics, Hold says it arrived and waits
// until released.
type echo struct {
	mu      sync.Mutex
	seen    []seen
	arrived chan struct{}
	release chan struct{}
}

// seen is what a handler found in its context.
type seen struct {
	traceID  trace.TraceID
	deadline time.Time
	module   string
	// cohort is the experiment cohort; baggage the whole baggage.
	cohort, baggage string
}

func (e *echo) record(ctx context.Context) {
	d, _ := ctx.Deadline()
	e.mu.Lock()
	e.seen = append(e.seen, seen{traceID: trace.SpanContextFromContext(ctx).TraceID(), deadline: d, module: telemetry.ModuleOf(ctx),
		cohort: chaos.CohortOf(ctx), baggage: baggage.FromContext(ctx).String()})
	e.mu.Unlock()
}

func (e *echo) last() seen {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.seen[len(e.seen)-1]
}

// echoDesc is the descriptor protoc-gen-go-grpc would write for
// service test.Echo { rpc Echo, Charge, Panic, Hold (StringValue) returns (StringValue) }.
var echoDesc = grpc.ServiceDesc{
	ServiceName: "test.Echo",
	HandlerType: (*any)(nil),
	Methods: []grpc.MethodDesc{
		method("Echo", func(e *echo, ctx context.Context, in *wrapperspb.StringValue) (*wrapperspb.StringValue, error) {
			e.record(ctx)
			return in, nil
		}),
		method("Charge", func(_ *echo, _ context.Context, in *wrapperspb.StringValue) (*wrapperspb.StringValue, error) {
			return in, nil
		}),
		method("Panic", func(*echo, context.Context, *wrapperspb.StringValue) (*wrapperspb.StringValue, error) { panic("boom") }),
		method("Hold", func(e *echo, _ context.Context, in *wrapperspb.StringValue) (*wrapperspb.StringValue, error) {
			e.arrived <- struct{}{}
			<-e.release
			return in, nil
		}),
	},
}

// method adapts fn to a grpc.MethodDesc, as generated code does.
func method(name string, fn func(*echo, context.Context, *wrapperspb.StringValue) (*wrapperspb.StringValue, error)) grpc.MethodDesc {
	return grpc.MethodDesc{MethodName: name, Handler: func(srv any, ctx context.Context, dec func(any) error, icpt grpc.UnaryServerInterceptor) (any, error) {
		in := new(wrapperspb.StringValue)
		if err := dec(in); err != nil {
			return nil, err
		}
		info := &grpc.UnaryServerInfo{Server: srv, FullMethod: "/test.Echo/" + name}
		return icpt(ctx, in, info, func(ctx context.Context, req any) (any, error) {
			return fn(srv.(*echo), ctx, req.(*wrapperspb.StringValue))
		})
	}}
}

// startEcho runs a process whose module "echo" serves test.Echo, and a
// client connection to it.
func startEcho(t *testing.T, settings testkit.Settings) (*echo, *testkit.Process, *grpc.ClientConn) {
	t.Helper()
	e := &echo{arrived: make(chan struct{}, 1), release: make(chan struct{})}
	svc := func() grpcserver.Service {
		return grpcserver.Service{Desc: &echoDesc, Impl: e, Module: "echo", Needs: []string{"ledger"}, Restricted: []string{"Charge"}}
	}
	p := testkit.Start(t, testkit.SQLite(t), settings, host.Module("echo", grpcserver.Register(svc)))
	return e, p, dial(t, p.GRPCAddr)
}

func dial(t testing.TB, addr string) *grpc.ClientConn {
	t.Helper()
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

// call invokes a method of test.Echo.
func call(ctx context.Context, conn *grpc.ClientConn, method, text string, opts ...grpc.CallOption) (string, error) {
	out := new(wrapperspb.StringValue)
	err := conn.Invoke(ctx, "/test.Echo/"+method, wrapperspb.String(text), out, opts...)
	return out.GetValue(), err
}
