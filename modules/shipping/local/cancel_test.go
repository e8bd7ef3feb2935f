package local_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/platform/testkit"
)

func cancel(t *testing.T, p *testkit.Process, key string) bool {
	t.Helper()
	rep, err := shipping.Cancel.Call(context.Background(), p.Bus, shipping.CancelRequest{ShipKey: key})
	if err != nil {
		t.Fatalf("Cancel(%q): %v", key, err)
	}
	return rep.Cancelled
}

func TestCancel(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be)
		ship(t, p, shipping.ShipRequest{Key: "o-5:ship", Reference: "o-5", Address: home(), Items: items()})
		ship(t, p, shipping.ShipRequest{Key: "o-5:other", Reference: "o-5", Address: home(), Items: items()})
		if !cancel(t, p, "o-5:ship") {
			t.Error("first cancel: Cancelled false, want true")
		}
		if !cancel(t, p, "o-5:ship") {
			t.Error("second cancel: Cancelled false, want true (it is cancelled)")
		}
		if cancel(t, p, "never-shipped") {
			t.Error("cancel of a key never shipped: Cancelled true, want false")
		}
		got := shipments(t, p, "o-5")
		if len(got) != 2 || got[0].Status != "CANCELLED" || got[1].Status != "SHIPPED" {
			t.Errorf("shipments = %+v, want the first CANCELLED and the other SHIPPED", got)
		}
		_, err := shipping.Cancel.Call(context.Background(), p.Bus, shipping.CancelRequest{})
		testkit.WantInvalid(t, err, "ship_key")
	})
}

func TestShipmentsRouteIsAdminOnly(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be)
		sent := ship(t, p, shipping.ShipRequest{Key: "o-6:ship", Reference: "o-6", Address: home(), Items: items()})
		path := "/api/shipping/shipments?reference=o-6"
		if res := p.Do(t, http.MethodGet, path, nil); res.Status != http.StatusUnauthorized {
			t.Errorf("without a token: %d, want 401", res.Status)
		}
		if res := p.Do(t, http.MethodGet, path, nil, "Authorization", testkit.CustomerAuthorization); res.Status != http.StatusForbidden {
			t.Errorf("as a customer: %d, want 403", res.Status)
		}
		res := p.Do(t, http.MethodGet, "/api/shipping/shipments", nil, admin...)
		if e := res.Err(t).Error; res.Status != http.StatusBadRequest || e.Field != "reference" {
			t.Errorf("without a reference: %d %+v, want 400 field reference", res.Status, e)
		}
		var list shipping.ShipmentsReply
		res = p.Do(t, http.MethodGet, path, nil, admin...)
		res.Decode(t, &list)
		if res.Status != http.StatusOK || len(list.Shipments) != 1 || list.Shipments[0].TrackingID != sent.TrackingID {
			t.Errorf("admin: %d %s, want 200 with tracking id %s", res.Status, res.Body, sent.TrackingID)
		}
		var none shipping.ShipmentsReply
		res = p.Do(t, http.MethodGet, "/api/shipping/shipments?reference=unknown", nil, admin...)
		res.Decode(t, &none)
		if res.Status != http.StatusOK || none.Shipments == nil || len(none.Shipments) != 0 {
			t.Errorf("unknown reference: %d %s, want 200 with an empty list", res.Status, res.Body)
		}
	})
}
