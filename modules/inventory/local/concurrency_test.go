package local_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/jubako/jubako/modules/inventory"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// parallel runs fn(i) for i in [0, n) at once and returns the errors.
func parallel(n int, fn func(i int) error) []error {
	errs := make([]error, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			errs[i] = fn(i)
		})
	}
	close(start)
	wg.Wait()
	return errs
}

func TestLastItemsGoToExactlyAsManyBuyers(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be, nil)
		setStock(t, p, "LAST", 5)
		errs := parallel(20, func(i int) error {
			_, err := inventory.Reserve.Call(ctx, p.Bus, inventory.ReserveRequest{Key: fmt.Sprintf("buyer-%d", i), Lines: lines("LAST", 1)})
			return err
		})
		won, out := 0, 0
		for i, err := range errs {
			switch {
			case err == nil:
				won++
			case isOutOfStock(err):
				out++
			default:
				t.Errorf("buyer %d: %v", i, err)
			}
		}
		if won != 5 || out != 15 {
			t.Errorf("%d reservations succeeded and %d were out of stock, want 5 and 15", won, out)
		}
		expectStock(t, p, map[string]level{"LAST": {0, 5, 0}})
	})
}

func TestConcurrentRetriesOfOneKeyReserveOnce(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be, nil)
		setStock(t, p, "A", 100)
		req := inventory.ReserveRequest{Key: "saga-7:reserve", Reference: "order-7", Lines: lines("A", 2, "B", 3)}
		got := make([]inventory.Reservation, 10)
		errs := parallel(10, func(i int) error {
			var err error
			got[i], err = inventory.Reserve.Call(ctx, p.Bus, req)
			return err
		})
		for i, err := range errs {
			expectErr(t, fmt.Sprintf("call %d", i), err, nil)
			if got[i].Status != inventory.StatusReserved || !got[i].ExpiresAt.Equal(got[0].ExpiresAt) {
				t.Errorf("call %d gave %+v, call 0 gave %+v", i, got[i], got[0])
			}
		}
		expectStock(t, p, map[string]level{"A": {98, 2, 0}, "B": {997, 3, 0}})
		if n := countRows(t, p, "inventory_reservations"); n != 1 {
			t.Errorf("%d reservations stored, want 1", n)
		}
	})
}

// Commit and Release race on each of ten reservations that share two
// products, locked in opposite line orders. Whatever the interleaving, the
// stock is conserved and every reservation ends committed: a Release that
// comes first is undone by the Commit taking the stock again.
func TestCommitAndReleaseRaceConservesStock(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be, nil)
		setStock(t, p, "X", 100)
		setStock(t, p, "Y", 100)
		for i := range 10 {
			ls := lines("X", 1, "Y", 2)
			if i%2 == 1 {
				ls = lines("Y", 2, "X", 1)
			}
			if _, err := inventory.Reserve.Call(ctx, p.Bus, inventory.ReserveRequest{Key: fmt.Sprint(i), Lines: ls}); err != nil {
				t.Fatal(err)
			}
		}
		errs := parallel(20, func(i int) error {
			key := inventory.KeyRequest{Key: fmt.Sprint(i / 2)}
			if i%2 == 0 {
				_, err := inventory.Commit.Call(ctx, p.Bus, key)
				return err
			}
			if _, err := inventory.Release.Call(ctx, p.Bus, key); err != nil && !isAlreadyCommitted(err) {
				return err
			}
			return nil
		})
		for i, err := range errs {
			expectErr(t, fmt.Sprintf("call %d", i), err, nil)
		}
		expectStock(t, p, map[string]level{"X": {90, 0, 10}, "Y": {80, 0, 20}})
	})
}

// Reserve and Commit of one fresh key, launched together twenty times: the
// Commit either finds no reservation yet (NotFound, the stock stays held)
// or commits it (the stock is sold), never answers without committing.
func TestReserveAndCommitRaceCommitsOrFindsNothing(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be, nil)
		setStock(t, p, "X", 100)
		want := level{100, 0, 0}
		for i := range 20 {
			key := inventory.KeyRequest{Key: fmt.Sprintf("rc-%d", i)}
			var committed inventory.Reservation
			errs := parallel(2, func(j int) error {
				if j == 0 {
					_, err := inventory.Reserve.Call(ctx, p.Bus, inventory.ReserveRequest{Key: key.Key, Lines: lines("X", 1)})
					return err
				}
				var err error
				committed, err = inventory.Commit.Call(ctx, p.Bus, key)
				return err
			})
			expectErr(t, key.Key+": reserve", errs[0], nil)
			switch {
			case errs[1] == nil && committed.Status == inventory.StatusCommitted:
				want = level{want[0] - 1, want[1], want[2] + 1}
			case errors.Is(errs[1], shared.ErrNotFound):
				want = level{want[0] - 1, want[1] + 1, want[2]}
			default:
				t.Fatalf("%s: commit gave %+v, %v; want COMMITTED or NotFound", key.Key, committed, errs[1])
			}
			expectStock(t, p, map[string]level{"X": want})
		}
	})
}
