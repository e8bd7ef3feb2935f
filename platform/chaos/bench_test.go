package chaos_test

import (
	"context"
	"log/slog"
	"testing"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
	"go.opentelemetry.io/otel/trace"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/chaos"
	"github.com/jubako/jubako/platform/telemetry"
)

var benchCall = bus.Endpoint[chargeRequest, chargeReply]("bench.Call")

// BenchmarkNoFaults compares a call through a process's chain (metrics,
// unsampled tracing) ending with a pass-through middleware, and with the
// chaos middleware in its place while no fault is active: the difference
// is one atomic load.
func BenchmarkNoFaults(b *testing.B) {
	tel, err := telemetry.New(telemetry.Config{Sampling: 0, Ring: 10}, "bench")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = tel.Shutdown(context.Background()) })
	m := miniredis.RunT(b)
	rdb := redis.NewClient(&redis.Options{Addr: m.Addr()})
	b.Cleanup(func() { _ = rdb.Close() })
	newBus := func(withChaos bool) *bus.Bus {
		bs := bus.New()
		benchCall.Handle(bs, func(_ context.Context, r chargeRequest) (chargeReply, error) { return chargeReply{}, nil })
		bs.Use(telemetry.NewMetrics().Bus, telemetry.Bus)
		if !withChaos {
			bs.Use(passThrough)
		} else {
			bs.Use(chaos.NewStore(rdb, bs, nil, slog.New(slog.DiscardHandler)).Bus)
		}
		return bs
	}
	ctx := unsampled()
	for _, tc := range []struct {
		name string
		bus  *bus.Bus
	}{{"without", newBus(false)}, {"chaos", newBus(true)}} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = benchCall.Call(ctx, tc.bus, chargeRequest{Cents: 1})
			}
		})
	}
}

// unsampled is the context of a request whose trace is not sampled, as
// most are in production with telemetry.sampling below 1.
func unsampled() context.Context {
	tid, _ := trace.TraceIDFromHex("4bf92f3577b34da6a3ce929d0e0e4736")
	sid, _ := trace.SpanIDFromHex("00f067aa0ba902b7")
	return trace.ContextWithSpanContext(context.Background(), trace.NewSpanContext(trace.SpanContextConfig{TraceID: tid, SpanID: sid}))
}

// passThrough stands for a middleware with nothing to do on this call.
func passThrough(next bus.Handler) bus.Handler {
	return func(ctx context.Context, c *bus.Call) error { return next(ctx, c) }
}
