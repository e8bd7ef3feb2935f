package system

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/jubako/jubako/modules/catalog"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// look fetches a product: the cache's verdict and the price served.
func look(t *testing.T, p *testkit.Process, id string) (string, shared.Money) {
	t.Helper()
	res := p.Do(t, http.MethodGet, "/api/catalog/products/"+id, nil)
	var prod catalog.Product
	res.Decode(t, &prod)
	if res.Status != http.StatusOK {
		t.Fatalf("GET product %s: %d %s", id, res.Status, res.Body)
	}
	return res.Header.Get("X-Cache"), prod.PriceUSD
}

func setPrice(t *testing.T, p *testkit.Process, id string, price shared.Money) {
	t.Helper()
	res := p.Do(t, http.MethodPut, "/api/catalog/products/"+id+"/price", map[string]any{"price_usd": price}, "Authorization", testkit.AdminAuthorization)
	if res.Status != http.StatusOK {
		t.Fatalf("set price: %d %s", res.Status, res.Body)
	}
}

// becomesMiss waits for the next look at the product to miss the cache
// with the price given; a zero price accepts any.
func becomesMiss(t *testing.T, p *testkit.Process, id string, price shared.Money) {
	t.Helper()
	var verdict string
	var got shared.Money
	testkit.Eventually(t, 10*time.Second, func() bool {
		verdict, got = look(t, p, id)
		return verdict == "MISS" && (price == shared.Money{} || got == price)
	}, func() string { return fmt.Sprintf("still %s at %+v, want a MISS at %+v", verdict, got, price) })
}

func TestResponseCache(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := testkit.Start(t, be, shopSettings, edge...)
		for _, tc := range []struct {
			name, path string
			status     int
			want       []string
		}{
			{"a product", "/api/catalog/products/" + watch, http.StatusOK, []string{"MISS", "HIT", "HIT"}},
			{"the list", "/api/catalog/products", http.StatusOK, []string{"MISS", "HIT"}},
			{"a search is another URL", "/api/catalog/products?q=mug", http.StatusOK, []string{"MISS", "HIT"}},
			{"so is another search", "/api/catalog/products?q=Mug", http.StatusOK, []string{"MISS", "HIT"}},
			{"the currencies", "/api/currency/currencies", http.StatusOK, []string{"MISS", "HIT"}},
			{"errors are not kept", "/api/catalog/products/NOPE", http.StatusNotFound, []string{"MISS", "MISS"}},
			{"other routes are not cached", "/healthz", http.StatusOK, []string{"", ""}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				var first []byte
				for i, want := range tc.want {
					res := p.Do(t, http.MethodGet, tc.path, nil)
					if got := res.Header.Get("X-Cache"); got != want || res.Status != tc.status {
						t.Errorf("request %d: %d, X-Cache %q, want %d, %q", i+1, res.Status, got, tc.status, want)
					}
					if i == 0 {
						first = res.Body
					} else if string(res.Body) != string(first) {
						t.Errorf("request %d answered %s, the first %s", i+1, res.Body, first)
					}
				}
			})
		}
		t.Run("a price change is the next answer", func(t *testing.T) {
			look(t, p, mug)
			if verdict, _ := look(t, p, mug); verdict != "HIT" {
				t.Fatalf("second look: %s, want HIT", verdict)
			}
			price := usd(12, 340000000)
			setPrice(t, p, mug, price)
			becomesMiss(t, p, mug, price)
			if verdict, got := look(t, p, mug); verdict != "HIT" || got != price {
				t.Errorf("after the MISS: %s at %+v, want a HIT at the new price", verdict, got)
			}
		})
	})
}

// TestPriceChangesReachEveryInstance changes a price through one instance:
// both drop the product from their cache.
func TestPriceChangesReachEveryInstance(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		a, b := twoInstances(t, be, shopSettings, edge...)
		for _, p := range []*testkit.Process{a, b} {
			look(t, p, candleHolder)
			if verdict, _ := look(t, p, candleHolder); verdict != "HIT" {
				t.Fatalf("second look: %s, want HIT", verdict)
			}
		}
		price := usd(20, 0)
		setPrice(t, a, candleHolder, price)
		becomesMiss(t, a, candleHolder, price)
		if be.Driver == db.SQLite {
			price = shared.Money{} // b has a database of its own: its price did not change
		}
		becomesMiss(t, b, candleHolder, price)
	})
}
