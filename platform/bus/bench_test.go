package bus_test

import (
	"context"
	"testing"

	"go.opentelemetry.io/otel/trace"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/telemetry"
	"github.com/jubako/jubako/shared"
)

// passThrough stands for a middleware with nothing to do on this call.
func passThrough(next bus.Handler) bus.Handler {
	return func(ctx context.Context, c *bus.Call) error { return next(ctx, c) }
}

type priceRequest struct {
	Price shared.Money
	Qty   int64
}

var (
	emptyEndpoint = bus.Endpoint[addRequest, addReply]("bench.Empty")
	priceEndpoint = bus.Endpoint[priceRequest, shared.Money]("bench.Price")
)

//go:noinline
func emptyHandler(_ context.Context, r addRequest) (addReply, error) {
	return addReply{Sum: r.A + r.B}, nil
}

// priceHandler is a small, realistic endpoint: exact money arithmetic, as
// the shop's price and currency endpoints do.
//
//go:noinline
func priceHandler(_ context.Context, r priceRequest) (shared.Money, error) {
	return r.Price.Times(r.Qty)
}

var price = priceRequest{Price: shared.Money{CurrencyCode: "USD", Units: 19, Nanos: 990000000}, Qty: 3}

// newBenchBus has the chain a process has — metrics and tracing, with
// tracing unsampled — plus three pass-through stand-ins for the breakers,
// deadlines and chaos hooks a chain may grow.
func newBenchBus(b *testing.B) *bus.Bus {
	tel, err := telemetry.New(telemetry.Config{Sampling: 0, Ring: 10}, "bench")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = tel.Shutdown(context.Background()) })
	bs := bus.New()
	emptyEndpoint.Handle(bs, emptyHandler)
	priceEndpoint.Handle(bs, priceHandler)
	bs.Use(telemetry.NewMetrics().Bus, telemetry.Bus, passThrough, passThrough, passThrough)
	return bs
}

func runBenchmarks(b *testing.B, direct, viaBus func(b *testing.B)) {
	b.Run("direct", direct)
	b.Run("bus", viaBus)
}

// BenchmarkCallPrice compares a realistic endpoint called through the bus
// (a process's full chain) with the direct function call, in one run;
// .ci/bench prints the ratio. Goal: bus/direct ≤ 2, ≤ 5 extra allocations.
func BenchmarkCallPrice(b *testing.B) {
	ctx, bs := unsampled(), newBenchBus(b)
	runBenchmarks(b, func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, _ = priceHandler(ctx, price)
		}
	}, func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, _ = priceEndpoint.Call(ctx, bs, price)
		}
	})
}

// BenchmarkCallEmpty shows the bus's fixed cost per call: the handler does
// nothing, so the ratio only says how small a nanosecond is.
func BenchmarkCallEmpty(b *testing.B) {
	ctx, bs := unsampled(), newBenchBus(b)
	runBenchmarks(b, func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			_, _ = emptyHandler(ctx, addRequest{A: i, B: 1})
		}
	}, func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			_, _ = emptyEndpoint.Call(ctx, bs, addRequest{A: i, B: 1})
		}
	})
}

// unsampled is the context of a request whose trace is not sampled, as
// most are in production with telemetry.sampling below 1.
func unsampled() context.Context {
	tid, _ := trace.TraceIDFromHex("4bf92f3577b34da6a3ce929d0e0e4736")
	sid, _ := trace.SpanIDFromHex("00f067aa0ba902b7")
	return trace.ContextWithSpanContext(context.Background(), trace.NewSpanContext(trace.SpanContextConfig{TraceID: tid, SpanID: sid}))
}
