package resilience_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/fx"
	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/chaos"
	"github.com/jubako/jubako/platform/host"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

func TestBreakerOpensAnswersStaleThenHalfOpensAndCloses(t *testing.T) {
	each(t, nil, func(t *testing.T, h harness) {
		fresh, err := read.Call(t.Context(), h.caller.Bus, readRequest{Key: "a"})
		if err != nil || fresh.Seq != 1 {
			t.Fatalf("healthy read = %+v, %s", fresh, describe(err))
		}

		h.mode.Store("down")
		ctx := bus.TrackStale(t.Context())
		got, err := read.Call(ctx, h.caller.Bus, readRequest{Key: "a"})
		if err != nil || got != fresh {
			t.Fatalf("read while down = %+v, %s; want the last good %+v", got, describe(err), fresh)
		}
		if stale := bus.StaleOf(ctx); len(stale) != 1 || stale[0].Endpoint != "stub.Read" {
			t.Errorf("stale answers recorded = %v, want stub.Read", stale)
		}
		if n := h.runs.Load(); n != 4 {
			t.Errorf("the provider ran %d times, want 4 (1 healthy, then 1 try + 2 retries that opened the breaker)", n)
		}

		ctx = bus.TrackStale(t.Context())
		if got, err := read.Call(ctx, h.caller.Bus, readRequest{Key: "a"}); err != nil || got != fresh || len(bus.StaleOf(ctx)) != 1 {
			t.Errorf("read with the breaker open = %+v, %s, stale %v; want the last good, stale", got, describe(err), bus.StaleOf(ctx))
		}
		if n := h.runs.Load(); n != 4 {
			t.Errorf("the open breaker let a call through: the provider ran %d times", n)
		}
		if _, err := read.Call(t.Context(), h.caller.Bus, readRequest{Key: "never-read"}); !errors.Is(err, shared.ErrUnavailable) || !strings.Contains(err.Error(), "the stub's database is down") {
			t.Errorf("read of a request never answered = %s; want unavailable naming the last failure", describe(err))
		}

		h.mode.Store("ok")
		time.Sleep(350 * time.Millisecond) // open_for
		ctx = bus.TrackStale(t.Context())
		got, err = read.Call(ctx, h.caller.Bus, readRequest{Key: "a"})
		if err != nil || got.Seq != 2 || bus.StaleOf(ctx) != nil {
			t.Errorf("half-open probe = %+v, %s, stale %v; want a fresh answer", got, describe(err), bus.StaleOf(ctx))
		}
		if got, err := read.Call(t.Context(), h.caller.Bus, readRequest{Key: "a"}); err != nil || got.Seq != 3 {
			t.Errorf("read once closed again = %+v, %s; want fresh", got, describe(err))
		}
	})
}

func TestBusinessErrorsNeverOpenTheBreaker(t *testing.T) {
	each(t, nil, func(t *testing.T, h harness) {
		if _, err := read.Call(t.Context(), h.caller.Bus, readRequest{Key: "a"}); err != nil {
			t.Fatal(describe(err))
		}
		h.mode.Store("conflict")
		for i := range 10 {
			ctx := bus.TrackStale(t.Context())
			if _, err := read.Call(ctx, h.caller.Bus, readRequest{Key: "a"}); !errors.Is(err, errConflict) || bus.StaleOf(ctx) != nil {
				t.Fatalf("call %d = %s, stale %v; want the conflict itself, never a stale answer", i, describe(err), bus.StaleOf(ctx))
			}
		}
		if n := h.runs.Load(); n != 11 {
			t.Errorf("the provider ran %d times, want 11: business errors are neither retried nor refused", n)
		}
	})
}

func TestWritesAreNeverRetriedNorAnsweredStale(t *testing.T) {
	each(t, nil, func(t *testing.T, h harness) {
		if _, err := write.Call(t.Context(), h.caller.Bus, writeRequest{Key: "a"}); err != nil {
			t.Fatal(describe(err))
		}
		h.mode.Store("down")
		ctx := bus.TrackStale(t.Context())
		_, err := write.Call(ctx, h.caller.Bus, writeRequest{Key: "a"})
		if !errors.Is(err, shared.ErrUnavailable) || !strings.Contains(err.Error(), "the stub's database is down") || bus.StaleOf(ctx) != nil {
			t.Errorf("write while down = %s, stale %v; want the provider's own error", describe(err), bus.StaleOf(ctx))
		}
		if n := h.runs.Load(); n != 2 {
			t.Errorf("the provider ran %d times, want 2: a write is tried once", n)
		}
	})
}

func TestRetriesOnlyWhenTheCallerAllowsThem(t *testing.T) {
	settings := testkit.Settings{"resilience.endpoints": []map[string]any{{"endpoint": "stub.Query", "failures": 10}}}
	each(t, settings, func(t *testing.T, h harness) {
		h.mode.Store("down")
		if _, err := query.Call(t.Context(), h.caller.Bus, readRequest{Key: "a"}); !strings.Contains(err.Error(), "the stub's database is down") {
			t.Errorf("query while down = %s; want the provider's error", describe(err))
		}
		if n := h.runs.Load(); n != 3 {
			t.Errorf("an idempotent query ran %d times, want 3 (2 retries)", n)
		}
		h.mode.Store("ok") // reset the breaker's count of failures in a row
		if _, err := query.Call(t.Context(), h.caller.Bus, readRequest{Key: "a"}); err != nil {
			t.Fatal(describe(err))
		}
		h.mode.Store("down")
		h.runs.Store(0)
		// A saga's step: the engine counts the attempts itself.
		if _, err := query.Call(bus.WithoutRetries(t.Context()), h.caller.Bus, readRequest{Key: "a"}); !strings.Contains(err.Error(), "the stub's database is down") {
			t.Errorf("saga's query while down = %s; want the provider's error", describe(err))
		}
		if n := h.runs.Load(); n != 1 {
			t.Errorf("a call marked WithoutRetries ran %d times, want 1", n)
		}
	})
}

func TestEdgePolicyOverridesEndpointPolicy(t *testing.T) {
	settings := testkit.Settings{
		"resilience.endpoints": []map[string]any{{"endpoint": "stub.Query", "retries": 0}},
		"resilience.edges":     []map[string]any{{"caller": "orders", "endpoint": "stub.Query", "retries": 1, "failures": 2, "open_for": "1m"}},
	}
	each(t, settings, func(t *testing.T, h harness) {
		h.mode.Store("down")
		call := func(caller string) error {
			_, err := query.Call(as(t, caller), h.caller.Bus, readRequest{Key: "a"})
			return err
		}
		call("cart")
		if n := h.runs.Swap(0); n != 1 {
			t.Errorf("cart's call ran %d times, want 1: the endpoint's policy has no retries", n)
		}
		call("orders")
		if n := h.runs.Swap(0); n != 2 {
			t.Errorf("orders' call ran %d times, want 2: its edge retries once", n)
		}
		err := call("orders")
		if h.runs.Swap(0) != 0 || !errors.Is(err, shared.ErrUnavailable) || shared.AsError(err).Message != "circuit open: the stub's database is down" {
			t.Errorf("orders' call after 2 failures = %s; want refused by its open breaker, naming the last failure", describe(err))
		}
		call("cart")
		if n := h.runs.Swap(0); n != 1 {
			t.Errorf("cart's call ran %d times, want 1: orders' breaker is the edge's own", n)
		}
	})
}

func TestBulkheadShedsCallsOverItAtOnce(t *testing.T) {
	settings := testkit.Settings{"resilience.endpoints": []map[string]any{{"endpoint": "stub.Write", "bulkhead": 2}}}
	each(t, settings, func(t *testing.T, h harness) {
		h.delay.Store(int64(400 * time.Millisecond))
		var wg sync.WaitGroup
		for range 2 {
			wg.Go(func() {
				if _, err := write.Call(t.Context(), h.caller.Bus, writeRequest{Key: "slow"}); err != nil {
					t.Errorf("a call within the bulkhead = %s", describe(err))
				}
			})
		}
		for h.runs.Load() < 2 {
			time.Sleep(5 * time.Millisecond)
		}
		start := time.Now()
		_, err := write.Call(t.Context(), h.caller.Bus, writeRequest{Key: "third"})
		if took := time.Since(start); !errors.Is(err, shared.ErrUnavailable) || took > 100*time.Millisecond {
			t.Errorf("a third call at once = %s after %s; want unavailable at once", describe(err), took)
		}
		wg.Wait()
		if n := h.runs.Load(); n != 2 {
			t.Errorf("the provider ran %d times, want 2", n)
		}
	})
}

func TestTimeoutCountsAsAFailure(t *testing.T) {
	settings := testkit.Settings{"resilience.endpoints": []map[string]any{{"endpoint": "stub.Query", "timeout": "50ms", "retries": 0, "failures": 2, "open_for": "1m"}}}
	each(t, settings, func(t *testing.T, h harness) {
		h.delay.Store(int64(2 * time.Second))
		for i := range 2 {
			start := time.Now()
			_, err := query.Call(t.Context(), h.caller.Bus, readRequest{Key: "a"})
			if took := time.Since(start); !errors.Is(err, shared.ErrUnavailable) || took > time.Second {
				t.Errorf("slow call %d = %s after %s; want unavailable after about 50ms", i, describe(err), took)
			}
		}
		_, err := query.Call(t.Context(), h.caller.Bus, readRequest{Key: "a"})
		if shared.AsError(err).Message != "circuit open: stub.Query gave no answer within 50ms" || h.runs.Load() != 2 {
			t.Errorf("third call = %s, provider ran %d times; want refused by the open breaker", describe(err), h.runs.Load())
		}
	})
}

func TestCallerCancellingIsNoFailure(t *testing.T) {
	settings := testkit.Settings{"resilience.endpoints": []map[string]any{{"endpoint": "stub.Query", "retries": 0, "failures": 1, "open_for": "1m"}}}
	each(t, settings, func(t *testing.T, h harness) {
		h.delay.Store(int64(time.Second))
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(50*time.Millisecond, cancel)
		query.Call(ctx, h.caller.Bus, readRequest{Key: "a"})
		h.delay.Store(0)
		if _, err := query.Call(t.Context(), h.caller.Bus, readRequest{Key: "a"}); err != nil {
			t.Errorf("a call after the caller gave up on one = %s; want it through: a cancellation is no failure", describe(err))
		}
	})
}

// queried is the stub's event: its handler queries stub.Query.
var queried = bus.Topic[readRequest]("stub.queried.v1")

func TestCallsOfEventHandlersAreNotRetried(t *testing.T) {
	p := newProvider()
	ran := make(chan int64, 1)
	handler := host.Module("listener", fx.Invoke(func(b *bus.Bus) {
		queried.Consume(b, "listener", func(ctx context.Context, r readRequest) error {
			query.Call(ctx, b, r)
			ran <- p.runs.Load()
			return nil // the delivery succeeds: the outbox does not deliver it again
		})
	}))
	caller := testkit.Start(t, testkit.SQLite(t), policyTest, p.module(), handler)
	p.mode.Store("down")
	ctx := t.Context()
	if err := caller.DB.Transact(ctx, func(tx *gorm.DB) error { return queried.Publish(ctx, tx, readRequest{Key: "a"}) }); err != nil {
		t.Fatal(err)
	}
	select {
	case n := <-ran:
		if n != 1 {
			t.Errorf("an event handler's query ran %d times, want 1: the outbox, not the policy, retries deliveries", n)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the event was not delivered")
	}
}

func TestFailureRateOpensTheBreaker(t *testing.T) {
	settings := testkit.Settings{"resilience.endpoints": []map[string]any{
		{"endpoint": "stub.Query", "retries": 0, "failures": 0, "failure_rate": 0.5, "min_calls": 4, "period": "1m", "open_for": "1m"},
	}}
	each(t, settings, func(t *testing.T, h harness) {
		call := func() error {
			_, err := query.Call(t.Context(), h.caller.Bus, readRequest{Key: "a"})
			return err
		}
		for _, mode := range []string{"ok", "down", "ok", "down"} {
			h.mode.Store(mode)
			call()
		}
		h.mode.Store("ok")
		if err := call(); !strings.HasPrefix(shared.AsError(err).Message, "circuit open: ") || h.runs.Load() != 4 {
			t.Errorf("after 2 failures in 4 calls: %s, provider ran %d times; want refused (rate 50%%)", describe(err), h.runs.Load())
		}
	})
}

// TestTheExperimentCohortHasBreakersOfItsOwn: the faults an experiment
// injects into its cohort open that cohort's breaker only; everyone else's
// calls go on reaching the provider.
func TestTheExperimentCohortHasBreakersOfItsOwn(t *testing.T) {
	each(t, nil, func(t *testing.T, h harness) {
		h.mode.Store("down")
		exp := chaos.WithCohort(t.Context(), chaos.CohortExperiment)
		if _, err := read.Call(exp, h.caller.Bus, readRequest{Key: "x"}); err == nil {
			t.Fatal("a read while the provider is down succeeded")
		}
		runs := h.runs.Load()
		if _, err := read.Call(exp, h.caller.Bus, readRequest{Key: "x"}); !errors.Is(err, bus.ErrCircuitOpen) || h.runs.Load() != runs {
			t.Fatalf("the experiment cohort's next read = %s, the provider ran %d more times; want it refused by its open breaker", describe(err), h.runs.Load()-runs)
		}
		h.mode.Store("ok")
		if got, err := read.Call(t.Context(), h.caller.Bus, readRequest{Key: "x"}); err != nil || h.runs.Load() != runs+1 {
			t.Fatalf("an ordinary read = %+v, %s; want it through to the provider: the experiment's breaker is not everyone's", got, describe(err))
		}
	})
}
