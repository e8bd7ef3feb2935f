package chaos_test

import (
	"context"
	"log/slog"
	"testing"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/chaos"
	"github.com/jubako/jubako/platform/telemetry"
)

var benchCall = bus.Endpoint[chargeRequest, chargeReply]("bench.Call")

// BenchmarkNoFaults compares a call through a process's chain (metrics,
// unsampled tracing) with and without the chaos middleware while no fault
// is active: the middleware should cost one atomic load.
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
		if withChaos {
			bs.Use(chaos.NewStore(rdb, bs, nil, slog.New(slog.DiscardHandler)).Bus)
		}
		return bs
	}
	ctx := context.Background()
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
