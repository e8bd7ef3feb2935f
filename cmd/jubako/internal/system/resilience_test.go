package system

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jubako/jubako/modules/storefront"
	"github.com/jubako/jubako/platform/resilience"
	"github.com/jubako/jubako/platform/testkit"
)

// TestSplitShopBreakersAndStaleAnswers runs the shop with payment and
// catalog in processes of their own, under the default policies. Payment's
// process is killed: checkouts keep coming, and the front's breaker for
// payment.Charge opens after its five failures in a row, while the sagas'
// errors still say why. Then catalog's process is killed: the product
// pages still answer, from the catalog's last good replies, and say so.
func TestSplitShopBreakersAndStaleAnswers(t *testing.T) {
	if testing.Short() {
		t.Skip("builds three binaries")
	}
	r := startTopology(t, testkit.Main(t), split{tags: "split_payment,split_catalog"},
		split{tags: "only_payment", module: "payment"}, split{tags: "only_catalog", module: "catalog"})
	s := r.shop
	page := func() (int, http.Header, storefront.ProductPage) {
		res, err := http.Get(s.url + "/bff/web/product/" + sunglasses)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var p storefront.ProductPage
		_ = json.NewDecoder(res.Body).Decode(&p)
		return res.StatusCode, res.Header, p
	}
	if status, h, p := page(); status != http.StatusOK || h.Get("X-Jubako-Stale") != "" || len(p.Stale) != 0 {
		t.Fatalf("product page, all up: %d, X-Jubako-Stale %q, stale %v", status, h.Get("X-Jubako-Stale"), p.Stale)
	}
	customers := make([]*customer, 6)
	for i := range customers {
		customers[i] = s.customer()
		customers[i].add(t, sunglasses, 1)
	}

	kill(t, r.services[1])
	var ids []string
	for _, c := range customers {
		if status, id, body := c.checkout(t, form(nil), ""); status == http.StatusAccepted {
			ids = append(ids, id)
		} else {
			t.Errorf("checkout with payment down: %d %s; want accepted (the saga waits for payment)", status, body)
		}
	}
	var charge resilience.Breaker
	testkit.Eventually(t, 30*time.Second, func() bool {
		charge = breakerOf(t, s, "payment.Charge")
		return charge.State == "open" || charge.Rejected > 0
	}, func() string { return fmt.Sprintf("the front's breaker for payment.Charge: %+v", charge) })
	if charge.Failures < 5 {
		t.Errorf("the breaker opened after %d failures; the default policy opens after 5 in a row", charge.Failures)
	}
	if !strings.Contains(charge.LastFailure, "unreachable") {
		t.Errorf("the breaker's last failure %q should be the transport's", charge.LastFailure)
	}
	for _, id := range ids {
		var info struct {
			LastError string `json:"last_error"`
			Reason    string `json:"reason"`
		}
		s.adminGet(t, "/api/admin/sagas/"+id, &info)
		if why := info.LastError + info.Reason; why != "" && !strings.Contains(why, "unreachable") {
			t.Errorf("saga %s says %q; an open breaker must still say why payment fails", id, why)
		}
	}

	kill(t, r.services[2])
	status, h, p := page()
	if status != http.StatusOK || !strings.Contains(h.Get("X-Jubako-Stale"), "catalog.GetProduct;age=") || !slices.Contains(p.Stale, "catalog.GetProduct") || p.Product.ID != sunglasses {
		t.Errorf("product page, catalog down: %d, X-Jubako-Stale %q, stale %v, product %q; want the last good product, named stale", status, h.Get("X-Jubako-Stale"), p.Stale, p.Product.ID)
	}
	res, err := http.Get(s.url + "/product/" + sunglasses)
	if err != nil {
		t.Fatal(err)
	}
	html, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || res.Header.Get("X-Jubako-Stale") == "" || !strings.Contains(string(html), "may be out of date") {
		t.Errorf("shop's product page, catalog down: %d, X-Jubako-Stale %q, no note that it may be out of date:\n%.2000s", res.StatusCode, res.Header.Get("X-Jubako-Stale"), html)
	}
	if b := breakerOf(t, s, "catalog.GetProduct"); b.Stale == 0 || b.LastGood == nil || b.LastGood.Entries == 0 {
		t.Errorf("the breaker of catalog.GetProduct: %+v; want stale answers counted and last good replies kept", b)
	}
}

// kill ends a service's process with SIGKILL.
func kill(t *testing.T, s *service) {
	t.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = s.cmd.Wait()
}

// breakerOf is the front's breaker of endpoint, shared by its callers.
func breakerOf(t *testing.T, s *shop, endpoint string) resilience.Breaker {
	t.Helper()
	var list struct{ Breakers []resilience.Breaker }
	s.adminGet(t, "/api/admin/breakers", &list)
	for _, b := range list.Breakers {
		if b.Endpoint == endpoint && b.Caller == "" {
			return b
		}
	}
	return resilience.Breaker{}
}
