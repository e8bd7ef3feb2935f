package local_test

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

var trackingID = regexp.MustCompile(`^[A-Z]{2}-\d{5}-\d{7}$`)

func TestShipIsIdempotentPerKey(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be)
		req := shipping.ShipRequest{Key: "order-1:ship", Reference: "order-1", Address: home(), Items: items()}
		first := ship(t, p, req)
		if !trackingID.MatchString(first.TrackingID) {
			t.Errorf("tracking id %q, want the XX-00000-0000000 shape", first.TrackingID)
		}
		if again := ship(t, p, req); again != first {
			t.Errorf("second Ship with the same key gave %+v, first gave %+v", again, first)
		}
		if n := rows(t, p, req.Key); n != 1 {
			t.Errorf("%d rows for one key, want 1", n)
		}
		other := ship(t, p, shipping.ShipRequest{Key: "order-1:ship-2", Reference: "order-1", Address: home(), Items: items()[:1]})
		if other.TrackingID == first.TrackingID {
			t.Errorf("two keys share tracking id %q", other.TrackingID)
		}
		got := shipments(t, p, "order-1")
		if len(got) != 2 || got[0].TrackingID != first.TrackingID || got[1].TrackingID != other.TrackingID {
			t.Fatalf("shipments of order-1 = %+v, want %s then %s", got, first.TrackingID, other.TrackingID)
		}
		want := shipping.Shipment{TrackingID: first.TrackingID, Reference: "order-1", Status: "SHIPPED", Address: home(), Items: items()}
		if g := got[0]; g.TrackingID != want.TrackingID || g.Status != want.Status || g.Address != want.Address || len(g.Items) != 2 || g.Items[0] != want.Items[0] {
			t.Errorf("shipment = %+v, want %+v", g, want)
		}
	})
}

func TestShipSameKeyOtherShipmentConflicts(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be)
		req := shipping.ShipRequest{Key: "k", Reference: "order-2", Address: home(), Items: items()}
		first := ship(t, p, req)
		moved := home()
		moved.City = "Sunnyvale"
		for name, changed := range map[string]shipping.ShipRequest{
			"other address":   {Key: "k", Reference: "order-2", Address: moved, Items: items()},
			"other items":     {Key: "k", Reference: "order-2", Address: home(), Items: items()[:1]},
			"other reference": {Key: "k", Reference: "order-3", Address: home(), Items: items()},
		} {
			t.Run(name, func(t *testing.T) {
				rep, err := shipping.Ship.Call(context.Background(), p.Bus, changed)
				if !errors.Is(err, shared.ErrConflict) {
					t.Errorf("Ship = %+v, %v; want Conflict", rep, err)
				}
			})
		}
		if got := shipments(t, p, "order-2"); len(got) != 1 || got[0].TrackingID != first.TrackingID || got[0].Address.City != "Mountain View" {
			t.Errorf("shipments after conflicts = %+v, want the first one unchanged", got)
		}
	})
}

func TestShipConcurrentSameKey(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be)
		req := shipping.ShipRequest{Key: "race", Reference: "order-race", Address: home(), Items: items()}
		const n = 10
		ids := make([]string, n)
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				rep, err := shipping.Ship.Call(context.Background(), p.Bus, req)
				ids[i], errs[i] = rep.TrackingID, err
			})
		}
		wg.Wait()
		for i := range n {
			if errs[i] != nil || ids[i] != ids[0] {
				t.Errorf("call %d: %q, %v; call 0 got %q", i, ids[i], errs[i], ids[0])
			}
		}
		if got := rows(t, p, "race"); got != 1 {
			t.Errorf("%d rows after %d concurrent calls with one key, want 1", got, n)
		}
	})
}

func TestShipUndeliverable(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be)
		nowhere := home()
		nowhere.ZipCode = shipping.UndeliverableZip
		req := shipping.ShipRequest{Key: "lost", Reference: "order-lost", Address: nowhere, Items: items()}
		for range 2 {
			rep, err := shipping.Ship.Call(context.Background(), p.Bus, req)
			if !errors.Is(err, shipping.ErrUndeliverable) || !errors.Is(err, shared.ErrConflict) {
				t.Fatalf("Ship to %s = %+v, %v; want ErrUndeliverable (a Conflict)", nowhere.ZipCode, rep, err)
			}
		}
		if n := rows(t, p, "lost"); n != 0 {
			t.Errorf("%d rows for an undeliverable shipment, want 0", n)
		}
		if got := shipments(t, p, "order-lost"); len(got) != 0 {
			t.Errorf("shipments = %+v, want none", got)
		}
	})
}

func TestShipRejectsBadInput(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be)
		long := strings.Repeat("x", 201)
		for _, tc := range []struct {
			name  string
			edit  func(*shipping.ShipRequest)
			field string
		}{
			{"no key", func(r *shipping.ShipRequest) { r.Key = "" }, "key"},
			{"long reference", func(r *shipping.ShipRequest) { r.Reference = long }, "reference"},
			{"no street", func(r *shipping.ShipRequest) { r.Address.StreetAddress = " " }, "address.street_address"},
			{"no city", func(r *shipping.ShipRequest) { r.Address.City = "" }, "address.city"},
			{"long state", func(r *shipping.ShipRequest) { r.Address.State = long }, "address.state"},
			{"no country", func(r *shipping.ShipRequest) { r.Address.Country = "" }, "address.country"},
			{"no zip", func(r *shipping.ShipRequest) { r.Address.ZipCode = "" }, "address.zip_code"},
			{"long zip", func(r *shipping.ShipRequest) { r.Address.ZipCode = long }, "address.zip_code"},
			{"no items", func(r *shipping.ShipRequest) { r.Items = nil }, "items"},
			{"zero quantity", func(r *shipping.ShipRequest) { r.Items[1].Quantity = 0 }, "items[1].quantity"},
			{"no product", func(r *shipping.ShipRequest) { r.Items[0].ProductID = "" }, "items[0].product_id"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				req := shipping.ShipRequest{Key: "bad", Reference: "order-bad", Address: home(), Items: items()}
				tc.edit(&req)
				_, err := shipping.Ship.Call(context.Background(), p.Bus, req)
				testkit.WantInvalid(t, err, tc.field)
			})
		}
		if n := rows(t, p, "bad"); n != 0 {
			t.Errorf("%d rows stored from bad requests, want 0", n)
		}
		// A state is optional.
		req := shipping.ShipRequest{Key: "no-state", Reference: "order-bad", Address: home(), Items: items()}
		req.Address.State = ""
		ship(t, p, req)
	})
}
