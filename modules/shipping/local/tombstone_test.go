package local_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// shippedRows counts the SHIPPED shipments stored under key.
func shippedRows(t *testing.T, p *testkit.Process, key string) int64 {
	t.Helper()
	var n int64
	if err := p.DB.Raw("SELECT COUNT(*) FROM shipping_shipments WHERE key = ? AND status = 'SHIPPED'", key).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// A Cancel that comes before its Ship (the saga compensated a step it
// timed out on) leaves a tombstone: the late Ship ships nothing.
func TestCancelBeforeShipRefusesTheShip(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be)
		if cancel(t, p, "o-7:ship") {
			t.Error("cancel before any ship: Cancelled true, want false")
		}
		req := shipping.ShipRequest{Key: "o-7:ship", Reference: "o-7", Address: home(), Items: items()}
		rep, err := shipping.Ship.Call(context.Background(), p.Bus, req)
		if !errors.Is(err, shipping.ErrCancelled) || rep.TrackingID != "" {
			t.Fatalf("late Ship = %+v, %v; want ErrCancelled", rep, err)
		}
		if e := shared.AsError(err); e.Code != shared.CodeConflict || e.Reason != "shipment_cancelled" {
			t.Errorf("late Ship: code %s reason %q, want Conflict shipment_cancelled", e.Code, e.Reason)
		}
		if cancel(t, p, "o-7:ship") {
			t.Error("cancel again: Cancelled true, want false")
		}
		if got := shipments(t, p, "o-7"); len(got) != 0 {
			t.Errorf("shipments of o-7 = %+v, want none", got)
		}
		if n, s := rows(t, p, req.Key), shippedRows(t, p, req.Key); n != 1 || s != 0 {
			t.Errorf("%d rows (%d SHIPPED) under the key, want one tombstone", n, s)
		}
		for i := range 2 {
			other := ship(t, p, shipping.ShipRequest{Key: fmt.Sprint("o-7:other-", i), Reference: "o-7", Address: home(), Items: items()})
			if !trackingID.MatchString(other.TrackingID) {
				t.Errorf("ship under another key: tracking id %q", other.TrackingID)
			}
		}
		for i := range 2 {
			cancel(t, p, fmt.Sprint("never-shipped-", i))
		}
		if got := shipments(t, p, "o-7"); len(got) != 2 || got[0].Status != "SHIPPED" || got[1].Status != "SHIPPED" {
			t.Errorf("shipments of o-7 = %+v, want the two other keys SHIPPED", got)
		}
	})
}

// Ship and Cancel of one fresh key, launched together twenty times (one
// of them a little later in most rounds, so that either may win): either
// the shipment is made and cancelled, or it is refused and nothing ships.
func TestShipAndCancelRaceEndConsistent(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be)
		outcomes := map[string]int{}
		for i := range 20 {
			key := fmt.Sprintf("race-%d:ship", i)
			var shipErr, cancelErr error
			var cancelled shipping.CancelReply
			testkit.Together(
				func() {
					time.Sleep(lag(i, 1))
					_, shipErr = shipping.Ship.Call(context.Background(), p.Bus,
						shipping.ShipRequest{Key: key, Reference: "o-race", Address: home(), Items: items()})
				},
				func() {
					time.Sleep(lag(i, 0))
					cancelled, cancelErr = shipping.Cancel.Call(context.Background(), p.Bus, shipping.CancelRequest{ShipKey: key})
				},
			)
			switch {
			case cancelErr != nil:
				t.Fatalf("%s: cancel: %v", key, cancelErr)
			case shipErr == nil && cancelled.Cancelled:
				outcomes["shipped and cancelled"]++
			case errors.Is(shipErr, shipping.ErrCancelled) && !cancelled.Cancelled:
				outcomes["refused"]++
			default:
				t.Errorf("%s: ship %v, cancel %+v", key, shipErr, cancelled)
			}
			if n := shippedRows(t, p, key); n != 0 {
				t.Errorf("%s: %d SHIPPED shipments left, want none", key, n)
			}
		}
		for _, sh := range shipments(t, p, "o-race") {
			if sh.Status != "CANCELLED" || sh.TrackingID == "" {
				t.Errorf("listed %+v, want only cancelled shipments with their tracking ids", sh)
			}
		}
		t.Logf("outcomes: %v", outcomes)
	})
}
