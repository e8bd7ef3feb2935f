package chaos_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// TestFaultsAreSharedThroughRedis: a fault added in one process applies in
// another on the same Redis at once, is listed by both, and
// ends in both when either removes it or halts them all.
func TestFaultsAreSharedThroughRedis(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		url := redisURL(t, be)
		front, pay := newProcess(t, url), newProcess(t, url)
		ctx := context.Background()

		f := front.add(t, errorFault("pay.Charge"))
		testkit.Eventually(t, 3*time.Second, func() bool { return injected(pay.charge(ctx)) },
			func() string { return "the fault added in the front never applied in pay's process" })
		listed, err := pay.store.List(ctx)
		if err != nil || len(listed) != 1 || listed[0].ID != f.ID || listed[0].Target != "pay.Charge" {
			t.Fatalf("pay's process lists %+v, %v; want the front's fault %s", listed, err, f.ID)
		}

		if err := pay.store.Remove(ctx, f.ID); err != nil {
			t.Fatal(err)
		}
		testkit.Eventually(t, 3*time.Second, func() bool { return front.charge(ctx) == nil },
			func() string { return "the fault removed in pay's process still applies in the front" })
		if err := front.store.Remove(ctx, f.ID); !errors.Is(err, shared.ErrNotFound) {
			t.Errorf("removing it again: %v, want not found", err)
		}

		front.add(t, errorFault("pay.Charge"))
		front.add(t, errorFault("pay.Refund"))
		testkit.Eventually(t, 3*time.Second, func() bool { return injected(pay.charge(ctx)) },
			func() string { return "the second fault never applied in pay's process" })
		if err := pay.store.Halt(ctx); err != nil {
			t.Fatal(err)
		}
		testkit.Eventually(t, 3*time.Second, func() bool {
			_, refundErr := refund.Call(ctx, front.bus, chargeRequest{})
			return front.charge(ctx) == nil && refundErr == nil
		}, func() string { return "faults still apply in the front after a halt in pay's process" })
		if listed, _ := front.store.List(ctx); len(listed) != 0 {
			t.Errorf("after a halt the front lists %+v", listed)
		}
	})
}

// TestFaultsEndAtTheirTTL: a fault stops applying when its TTL is over, in
// the process that added it and in another that never heard it removed,
// and is no longer listed.
func TestFaultsEndAtTheirTTL(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		url := redisURL(t, be)
		front, pay := newProcess(t, url), newProcess(t, url)
		ctx := context.Background()
		f := errorFault("pay.Charge")
		f.TTL = 1500 * time.Millisecond
		added := front.add(t, f)
		if want := added.Created.Add(f.TTL); !added.Expires.Equal(want) {
			t.Errorf("expires %s, want %s", added.Expires, want)
		}
		testkit.Eventually(t, time.Second, func() bool { return injected(pay.charge(ctx)) },
			func() string { return "the fault never applied" })
		time.Sleep(time.Until(added.Expires))
		for name, p := range map[string]*process{"front": front, "pay": pay} {
			if err := p.charge(ctx); err != nil {
				t.Errorf("%s: a call right after the TTL failed: %v", name, err)
			}
			if listed, _ := p.store.List(ctx); len(listed) != 0 {
				t.Errorf("%s lists %+v after the TTL", name, listed)
			}
		}
		if err := front.store.Remove(ctx, added.ID); !errors.Is(err, shared.ErrNotFound) {
			t.Errorf("removing an ended fault: %v, want not found", err)
		}
	})
}

// TestFaultsAreKeptWhileRedisIsAway: a process that cannot reach Redis
// keeps applying the faults it last saw, each until its TTL.
func TestFaultsAreKeptWhileRedisIsAway(t *testing.T) {
	m := testkit.ServeRedis(t)
	p := newProcess(t, "redis://"+m.Addr())
	f := errorFault("pay.Charge")
	f.TTL = 3 * time.Second
	added := p.add(t, f)
	m.Close()
	time.Sleep(1200 * time.Millisecond) // a poll or more fails
	ctx := context.Background()
	if err := p.charge(ctx); !injected(err) {
		t.Fatalf("with Redis away: %v, want the injected error", err)
	}
	time.Sleep(time.Until(added.Expires))
	if err := p.charge(ctx); err != nil {
		t.Fatalf("after the TTL, Redis still away: %v", err)
	}
	if _, err := p.store.List(ctx); !errors.Is(err, shared.ErrUnavailable) {
		t.Errorf("listing with Redis away: %v, want unavailable", err)
	}
}
