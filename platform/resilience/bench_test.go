package resilience_test

import (
	"context"
	"testing"
	"time"

	"go.opentelemetry.io/otel/trace"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/resilience"
	"github.com/jubako/jubako/platform/telemetry"
)

type sumRequest struct{ A, B int }

type sumReply struct{ Sum int }

var (
	benchCall     = bus.Endpoint[sumRequest, sumReply]("bench.Sum", bus.Idempotent())
	benchLastGood = bus.Endpoint[sumRequest, sumReply]("bench.Cached", bus.Idempotent(), bus.LastGood())
)

//go:noinline
func sum(_ context.Context, r sumRequest) (sumReply, error) { return sumReply{Sum: r.A + r.B}, nil }

// newBenchBus is a process's chain, tracing unsampled, with or without the
// resilience policies (the defaults).
func newBenchBus(b *testing.B, policy bool) *bus.Bus {
	tel, err := telemetry.New(telemetry.Config{Sampling: 0, Ring: 10}, "bench")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = tel.Shutdown(context.Background()) })
	bs := bus.New()
	benchCall.Handle(bs, sum)
	benchLastGood.Handle(bs, sum)
	if !policy {
		bs.Use(telemetry.NewMetrics().Bus, telemetry.Bus)
		return bs
	}
	r, err := resilience.New(resilience.Defaults())
	if err != nil {
		b.Fatal(err)
	}
	bs.Use(telemetry.NewMetrics().Bus, r.Bus, telemetry.Bus)
	return bs
}

// BenchmarkPolicy measures what the policies add to a call that succeeds:
// "none" is the chain without them; "deadline" a call under a caller's
// deadline shorter than the policy's timeout (a request's, a saga step's),
// which needs no timer of its own; "timeout" one without, which does;
// "last-good" a call of a LastGood endpoint, whose reply is kept.
func BenchmarkPolicy(b *testing.B) {
	base := unsampled()
	short, cancel := context.WithTimeout(base, 5*time.Second)
	defer cancel()
	cases := []struct {
		name     string
		policy   bool
		ctx      context.Context
		endpoint bus.EndpointOf[sumRequest, sumReply]
	}{
		{"none", false, short, benchCall},
		{"deadline", true, short, benchCall},
		{"timeout", true, base, benchCall},
		{"last-good", true, short, benchLastGood},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			bs := newBenchBus(b, tc.policy)
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				if _, err := tc.endpoint.Call(tc.ctx, bs, sumRequest{A: i % 64, B: 1}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func unsampled() context.Context {
	tid, _ := trace.TraceIDFromHex("4bf92f3577b34da6a3ce929d0e0e4736")
	sid, _ := trace.SpanIDFromHex("00f067aa0ba902b7")
	return trace.ContextWithSpanContext(context.Background(), trace.NewSpanContext(trace.SpanContextConfig{TraceID: tid, SpanID: sid}))
}
