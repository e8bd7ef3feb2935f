package local_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/jubako/jubako/modules/inventory"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// A Release that comes before its Reserve (the saga compensated a step it
// timed out on) leaves a tombstone: the late Reserve takes nothing.
func TestReleaseBeforeReserveRefusesTheReserve(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be, nil)
		setStock(t, p, "A", 10)
		unchanged := map[string]level{"A": {10, 0, 0}}
		run(t, p, []step{
			{"release first", release("late"), "RELEASED", nil, unchanged},
			{"late reserve", reserve("late", lines("A", 3)...), "", inventory.ErrReleased, unchanged},
			{"release again", release("late"), "RELEASED", nil, unchanged},
			{"reserve again", reserve("late", lines("A", 3)...), "", inventory.ErrReleased, unchanged},
			{"commit", commit("late"), "", inventory.ErrReleased, unchanged},
		})
		_, err := inventory.Reserve.Call(ctx, p.Bus, inventory.ReserveRequest{Key: "late", Lines: lines("A", 1)})
		if e := shared.AsError(err); e.Code != shared.CodeConflict || e.Reason != "reservation_released" {
			t.Errorf("late reserve: code %s reason %q, want Conflict reservation_released", e.Code, e.Reason)
		}
		if n := countRows(t, p, "inventory_reservation_lines"); n != 0 {
			t.Errorf("%d reservation lines stored, want none", n)
		}
	})
}

// The expiry loop passes over tombstones: a reservation that expires after
// one still returns its stock, and the tombstone still refuses a Reserve.
func TestExpiryLoopLeavesTombstones(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be, fastExpiry)
		setStock(t, p, "P", 10)
		run(t, p, []step{
			{"tombstone", release("ghost"), "RELEASED", nil, map[string]level{"P": {10, 0, 0}}},
			{"reserve", reserve("real", lines("P", 4)...), "RESERVED", nil, map[string]level{"P": {6, 4, 0}}},
		})
		awaitStock(t, p, "P", level{10, 0, 0})
		run(t, p, []step{
			{"late reserve", reserve("ghost", lines("P", 1)...), "", inventory.ErrReleased, map[string]level{"P": {10, 0, 0}}},
			{"commit", commit("ghost"), "", inventory.ErrReleased, map[string]level{"P": {10, 0, 0}}},
		})
	})
}

// Reserve and Release of one fresh key, launched together twenty times
// (one of them a little later in most rounds, so that either may win):
// either the reservation is made and released, or it is refused and takes
// nothing. Stock is back where it was after every round.
func TestReserveAndReleaseRaceEndConsistent(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be, nil)
		setStock(t, p, "X", 50)
		setStock(t, p, "Y", 50)
		outcomes := map[string]int{}
		for i := range 20 {
			key := fmt.Sprintf("race-%d:reserve", i)
			var reserved inventory.Reservation
			errs := parallel(2, func(j int) error {
				time.Sleep(lag(i, j))
				var err error
				if j == 0 {
					reserved, err = inventory.Reserve.Call(ctx, p.Bus, inventory.ReserveRequest{Key: key, Lines: lines("X", 2, "Y", 1)})
					return err
				}
				_, err = inventory.Release.Call(ctx, p.Bus, inventory.KeyRequest{Key: key})
				return err
			})
			switch {
			case errs[1] != nil:
				t.Fatalf("%s: release: %v", key, errs[1])
			case errs[0] == nil && reserved.Status == inventory.StatusReserved:
				outcomes["reserved and released"]++
			case isReleased(errs[0]):
				outcomes["refused"]++
			default:
				t.Errorf("%s: reserve gave %+v, %v", key, reserved, errs[0])
			}
			expectStock(t, p, map[string]level{"X": {50, 0, 0}, "Y": {50, 0, 0}})
			if t.Failed() {
				t.FailNow()
			}
		}
		t.Logf("outcomes: %v", outcomes)
	})
}

// lag is how long party (0 or 1) of a race waits in round i: in even
// rounds party 0, in odd rounds party 1, by 0 to 600µs.
func lag(i, party int) time.Duration {
	if i%2 != party {
		return 0
	}
	return time.Duration(i%4) * 200 * time.Microsecond
}
