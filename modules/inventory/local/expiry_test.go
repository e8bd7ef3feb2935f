package local_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/jubako/jubako/modules/inventory"
	"github.com/jubako/jubako/platform/testkit"
)

var fastExpiry = testkit.Settings{"inventory.reservation_ttl": "1s", "inventory.expiry_interval": "200ms"}

// awaitStock waits until product is at want.
func awaitStock(t *testing.T, p *testkit.Process, product string, want level) {
	t.Helper()
	var got level
	testkit.Eventually(t, 10*time.Second, func() bool { got = stockOf(t, p, product); return got == want },
		func() string { return fmt.Sprintf("stock of %s is %v, want %v", product, got, want) })
}

func TestExpiredReservationsReturnTheirStock(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be, fastExpiry)
		setStock(t, p, "P", 10)
		req := inventory.ReserveRequest{Key: "slow-checkout", Lines: lines("P", 3)}
		r, err := inventory.Reserve.Call(ctx, p.Bus, req)
		expectErr(t, "reserve", err, nil)
		if ttl := time.Until(r.ExpiresAt); ttl <= 0 || ttl > time.Second {
			t.Errorf("expires in %s, want within the configured 1s", ttl)
		}
		expectStock(t, p, map[string]level{"P": {7, 3, 0}})
		awaitStock(t, p, "P", level{10, 0, 0})

		again, err := inventory.Reserve.Call(ctx, p.Bus, req)
		if err != nil || again.Status != inventory.StatusReleased {
			t.Errorf("Reserve with the expired key: %+v, %v; want the released reservation", again, err)
		}
		rel, err := inventory.Release.Call(ctx, p.Bus, inventory.KeyRequest{Key: req.Key})
		if err != nil || rel.Status != inventory.StatusReleased {
			t.Errorf("Release after expiry: %+v, %v", rel, err)
		}
		expectStock(t, p, map[string]level{"P": {10, 0, 0}})
	})
}

func TestCommitAfterExpiry(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be, fastExpiry)
		setStock(t, p, "P", 10)
		for _, key := range []string{"enough-left", "sold-out"} {
			if _, err := inventory.Reserve.Call(ctx, p.Bus, inventory.ReserveRequest{Key: key, Lines: lines("P", 3)}); err != nil {
				t.Fatal(err)
			}
		}
		awaitStock(t, p, "P", level{10, 0, 0})

		r, err := inventory.Commit.Call(ctx, p.Bus, inventory.KeyRequest{Key: "enough-left"})
		if err != nil || r.Status != inventory.StatusCommitted {
			t.Fatalf("Commit after expiry with stock left: %+v, %v; want COMMITTED", r, err)
		}
		expectStock(t, p, map[string]level{"P": {7, 0, 3}})

		setStock(t, p, "P", 2)
		if _, err := inventory.Commit.Call(ctx, p.Bus, inventory.KeyRequest{Key: "sold-out"}); !isOutOfStock(err) {
			t.Fatalf("Commit after expiry without stock: %v, want ErrOutOfStock", err)
		}
		expectStock(t, p, map[string]level{"P": {2, 0, 3}})
		r, err = inventory.Release.Call(ctx, p.Bus, inventory.KeyRequest{Key: "sold-out"})
		if err != nil || r.Status != inventory.StatusReleased {
			t.Errorf("the failed Commit left %+v, %v; want it still RELEASED", r, err)
		}
	})
}

func TestHeldReservationsOutliveTheExpiryLoop(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be, testkit.Settings{"inventory.reservation_ttl": "1h", "inventory.expiry_interval": "50ms"})
		if _, err := inventory.Reserve.Call(ctx, p.Bus, inventory.ReserveRequest{Key: "k", Lines: lines("P", 1)}); err != nil {
			t.Fatal(err)
		}
		time.Sleep(300 * time.Millisecond)
		expectStock(t, p, map[string]level{"P": {999, 1, 0}})
	})
}
