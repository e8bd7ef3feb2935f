package local_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/jubako/jubako/modules/inventory"
	"github.com/jubako/jubako/platform/testkit"
)

func TestStockRoutes(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be, nil)
		path := "/api/inventory/stock/OLJCESPC7Z"
		var s inventory.Stock
		res := p.Do(t, http.MethodGet, path, nil)
		res.Decode(t, &s)
		if res.Status != http.StatusOK || s != (inventory.Stock{ProductID: "OLJCESPC7Z", OnHand: 1000}) {
			t.Fatalf("GET %s: %d %+v, want 200 with the initial 1000 on hand", path, res.Status, s)
		}

		body := map[string]any{"on_hand": 5}
		if res := p.Do(t, http.MethodPut, path, body); res.Status != http.StatusUnauthorized {
			t.Errorf("PUT without token: %d, want 401", res.Status)
		}
		if res := p.Do(t, http.MethodPut, path, body, "Authorization", testkit.CustomerAuthorization); res.Status != http.StatusForbidden {
			t.Errorf("PUT as a customer: %d, want 403", res.Status)
		}
		expectStock(t, p, map[string]level{"OLJCESPC7Z": {1000, 0, 0}})

		if _, err := inventory.Reserve.Call(ctx, p.Bus, inventory.ReserveRequest{Key: "k", Lines: lines("OLJCESPC7Z", 2)}); err != nil {
			t.Fatal(err)
		}
		res = p.Do(t, http.MethodPut, path, body, "Authorization", testkit.AdminAuthorization)
		res.Decode(t, &s)
		want := inventory.Stock{ProductID: "OLJCESPC7Z", OnHand: 5, Reserved: 2}
		if res.Status != http.StatusOK || s != want {
			t.Errorf("PUT as admin: %d %+v, want 200 %+v", res.Status, s, want)
		}
		p.Do(t, http.MethodGet, path, nil).Decode(t, &s)
		if s != want {
			t.Errorf("GET after PUT: %+v, want %+v", s, want)
		}
	})
}

func TestStockRoutesKnowOnlyCatalogProducts(t *testing.T) {
	p := start(t, testkit.SQLite(t), nil)
	path := "/api/inventory/stock/UNSOLD-1"
	for _, res := range []testkit.Response{
		p.Do(t, http.MethodGet, path, nil),
		p.Do(t, http.MethodPut, path, map[string]any{"on_hand": 5}, "Authorization", testkit.AdminAuthorization),
	} {
		if e := res.Err(t); res.Status != http.StatusNotFound || e.Error.Reason != "product_not_found" {
			t.Errorf("%d %+v, want 404 product_not_found", res.Status, e.Error)
		}
	}
	expectStock(t, p, map[string]level{"UNSOLD-1": {1000, 0, 0}})
}

func TestStockRoutesRejectBadInput(t *testing.T) {
	p := start(t, testkit.SQLite(t), nil)
	auth := []string{"Authorization", testkit.AdminAuthorization}
	long := "/api/inventory/stock/" + strings.Repeat("x", 101)
	for _, tc := range []struct {
		name, method, path string
		body               any
		field              string
	}{
		{"long product id", http.MethodGet, long, nil, "product_id"},
		{"long product id on PUT", http.MethodPut, long, `{"on_hand": 1}`, "product_id"},
		{"no body", http.MethodPut, "/api/inventory/stock/A", "", "body"},
		{"malformed JSON", http.MethodPut, "/api/inventory/stock/A", `{"on_hand":`, "body"},
		{"missing on_hand", http.MethodPut, "/api/inventory/stock/A", `{}`, "on_hand"},
		{"on_hand not a number", http.MethodPut, "/api/inventory/stock/A", `{"on_hand": "five"}`, "on_hand"},
		{"fractional on_hand", http.MethodPut, "/api/inventory/stock/A", `{"on_hand": 1.5}`, "on_hand"},
		{"negative on_hand", http.MethodPut, "/api/inventory/stock/A", `{"on_hand": -1}`, "on_hand"},
		{"on_hand too large", http.MethodPut, "/api/inventory/stock/A", `{"on_hand": 1e10}`, "on_hand"},
		{"on_hand beyond int64", http.MethodPut, "/api/inventory/stock/A", `{"on_hand": 1e30}`, "on_hand"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := p.Do(t, tc.method, tc.path, tc.body, auth...)
			if e := res.Err(t); res.Status != http.StatusBadRequest || e.Error.Code != "invalid" || e.Error.Field != tc.field {
				t.Errorf("%d %+v, want 400 invalid naming %q", res.Status, e.Error, tc.field)
			}
		})
	}
	expectStock(t, p, map[string]level{"A": {1000, 0, 0}})
}
