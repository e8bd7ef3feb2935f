package chaos_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/jubako/jubako/platform/chaos"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// TestFaultEffects: what a caller sees of each kind — a latency fault
// delays the call, which then succeeds; an error fault fails it with its
// code, saying a fault was injected and which; an abort holds it until the
// caller's deadline.
func TestFaultEffects(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := newProcess(t, redisURL(t, be))
		ctx := context.Background()

		t.Run("latency", func(t *testing.T) {
			f := p.add(t, chaos.Fault{Target: "pay.Charge", Kind: chaos.KindLatency, Latency: 300 * time.Millisecond,
				Jitter: 100 * time.Millisecond, Percent: 100, TTL: time.Minute})
			defer func() { _ = p.store.Remove(ctx, f.ID) }()
			for range 3 {
				start := time.Now()
				err := p.charge(ctx)
				if took := time.Since(start); err != nil || took < 200*time.Millisecond || took > time.Second {
					t.Errorf("call took %s, error %v; want 300ms ± 100ms and success", took, err)
				}
			}
			short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
			defer cancel()
			if err := p.charge(short); !errors.Is(err, shared.ErrUnavailable) {
				t.Errorf("a call whose deadline comes first: %v, want unavailable", err)
			}
		})

		t.Run("error", func(t *testing.T) {
			f := errorFault("pay.Charge")
			f.Code = ""
			added := p.add(t, f)
			defer func() { _ = p.store.Remove(ctx, added.ID) }()
			err := p.charge(ctx)
			if !errors.Is(err, shared.ErrUnavailable) || !injected(err) || !strings.Contains(err.Error(), added.ID) {
				t.Errorf("error %v, want unavailable (the default code) naming fault %s", err, added.ID)
			}
		})

		t.Run("abort", func(t *testing.T) {
			f := p.add(t, chaos.Fault{Target: "pay.Charge", Kind: chaos.KindAbort, Percent: 100, TTL: time.Minute})
			defer func() { _ = p.store.Remove(ctx, f.ID) }()
			short, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
			defer cancel()
			start := time.Now()
			err := p.charge(short)
			if took := time.Since(start); took < 290*time.Millisecond || took > time.Second {
				t.Errorf("aborted call returned after %s, want at its 300ms deadline", took)
			}
			if !errors.Is(err, shared.ErrUnavailable) || !injected(err) {
				t.Errorf("error %v, want an injected unavailable", err)
			}
		})

		t.Run("abort without deadline", func(t *testing.T) {
			f := p.add(t, chaos.Fault{Target: "pay.Charge", Kind: chaos.KindAbort, Percent: 100, TTL: 500 * time.Millisecond})
			start := time.Now()
			if err := p.charge(ctx); !injected(err) || time.Since(start) > 2*time.Second {
				t.Errorf("error %v after %s, want injected when the fault ends", err, time.Since(start))
			}
			if time.Now().Before(f.Expires) {
				t.Errorf("returned at %s, before the fault's end %s", time.Now(), f.Expires)
			}
		})
	})
}
