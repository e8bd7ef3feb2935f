package outbox_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"go.uber.org/fx"
	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/outbox"
	"github.com/jubako/jubako/platform/testkit"
)

// The benchmarks compare the outbox with bare asynq on the same Redis, with
// the same asynq tuning, in the same run. They use the real Redis and
// PostgreSQL when JUBAKO_TEST_* are set, SQLite and the embedded Redis
// otherwise; tracing is unsampled, as a production sampling rate leaves
// most messages. .ci/bench prints the ratios.

type tick struct {
	Seq int `json:"seq"`
}

var tickTopic = bus.Topic[tick]("benchmark.tick.v1")

// arrivals receives a value when a handler starts.
type arrivals chan time.Time

func (a arrivals) module() fx.Option {
	return fx.Invoke(func(b *bus.Bus) {
		tickTopic.Consume(b, "benchsink", func(context.Context, tick) error {
			a <- time.Now()
			return nil
		})
	})
}

func benchBackend(b *testing.B) testkit.Backend {
	bes := testkit.Backends(b)
	return bes[len(bes)-1]
}

// bareAsynq runs an asynq server on its own queue, tuned for latency (it
// polls an empty queue every millisecond), that reports each handler start.
func bareAsynq(b *testing.B, p *testkit.Process, out arrivals) *asynq.Client {
	srv := asynq.NewServerFromRedisClient(p.Broker.Redis, asynq.Config{
		Concurrency: outbox.Defaults().Concurrency, Queues: map[string]int{"bare": 1},
		TaskCheckInterval: time.Millisecond, DelayedTaskCheckInterval: 100 * time.Millisecond,
		LogLevel: asynq.ErrorLevel,
	})
	err := srv.Start(asynq.HandlerFunc(func(context.Context, *asynq.Task) error {
		out <- time.Now()
		return nil
	}))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(srv.Shutdown)
	return p.Broker.Client
}

// BenchmarkLatency measures commit → handler start through the outbox and
// enqueue → handler start with bare asynq, one message at a time, and
// reports p50 and p99 of each in milliseconds.
func BenchmarkLatency(b *testing.B) {
	be := benchBackend(b)
	got := make(arrivals, 1)
	p := testkit.Start(b, be, testkit.Settings{"telemetry.sampling": 0}, got.module())
	client := bareAsynq(b, p, got)
	ctx := context.Background()
	b.Run("outbox", func(b *testing.B) {
		var lat []time.Duration
		for i := 0; b.Loop(); i++ {
			if err := p.DB.Transact(ctx, func(tx *gorm.DB) error { return tickTopic.Publish(ctx, tx, tick{Seq: i}) }); err != nil {
				b.Fatal(err)
			}
			committed := time.Now()
			lat = append(lat, (<-got).Sub(committed))
		}
		reportPercentiles(b, lat)
	})
	b.Run("asynq", func(b *testing.B) {
		var lat []time.Duration
		for i := 0; b.Loop(); i++ {
			start := time.Now()
			if _, err := client.Enqueue(asynq.NewTask("bare", []byte(fmt.Sprint(i))), asynq.Queue("bare")); err != nil {
				b.Fatal(err)
			}
			lat = append(lat, (<-got).Sub(start))
		}
		reportPercentiles(b, lat)
	})
}

func reportPercentiles(b *testing.B, lat []time.Duration) {
	slices.Sort(lat)
	at := func(q float64) float64 { return float64(lat[int(q*float64(len(lat)-1))]) / 1e6 }
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
}

// BenchmarkThroughput measures delivery: a burst of events committed in one
// transaction, timed from the commit until every handler started — to a
// subscriber in the publishing process (the fast path) and to one in
// another process (the relay, through asynq) — against a burst of bare
// asynq enqueues (16 producers) timed until every handler started. All
// report events/s.
func BenchmarkThroughput(b *testing.B) {
	const burst = 4000
	be := benchBackend(b)
	be.RedisURL = be.SharedRedis(b)
	got := make(arrivals, burst)
	p := testkit.Start(b, be, testkit.Settings{"telemetry.sampling": 0}, got.module())
	publisher := testkit.Start(b, testkit.Backend{Name: be.Name, Driver: be.Driver, DSN: be.Another(b), RedisURL: be.RedisURL},
		testkit.Settings{"telemetry.sampling": 0})
	client := bareAsynq(b, p, got)
	ctx := context.Background()
	run := func(b *testing.B, produce func() (time.Time, error)) {
		var total time.Duration
		for b.Loop() {
			start, err := produce()
			if err != nil {
				b.Fatal(err)
			}
			for range burst {
				<-got
			}
			total += time.Since(start)
		}
		b.ReportMetric(float64(burst*b.N)/total.Seconds(), "events/s")
	}
	publish := func(d *db.DB) func() (time.Time, error) {
		return func() (time.Time, error) {
			err := d.Transact(ctx, func(tx *gorm.DB) error {
				for i := range burst {
					if err := tickTopic.Publish(ctx, tx, tick{Seq: i}); err != nil {
						return err
					}
				}
				return nil
			})
			return time.Now(), err
		}
	}
	b.Run("outbox", func(b *testing.B) { run(b, publish(p.DB)) })
	b.Run("relay", func(b *testing.B) { run(b, publish(publisher.DB)) })
	b.Run("asynq", func(b *testing.B) {
		run(b, func() (time.Time, error) {
			start := time.Now()
			var next atomic.Int64
			var wg sync.WaitGroup
			errs := make(chan error, 16)
			for range 16 {
				wg.Go(func() {
					for i := next.Add(1); i <= burst; i = next.Add(1) {
						if _, err := client.Enqueue(asynq.NewTask("bare", []byte(fmt.Sprint(i))), asynq.Queue("bare")); err != nil {
							errs <- err
							return
						}
					}
				})
			}
			wg.Wait()
			close(errs)
			return start, <-errs
		})
	})
}
