package main

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jubako/jubako/cmd/jubako/internal/linked"
	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/platform/auth"
	"github.com/jubako/jubako/platform/testkit"
)

// TestProjectionsRebuild runs `jubako projections` against a shop that sold
// sunglasses: rebuild with no name rebuilds every projection and prints each
// caught up, list prints them, an unknown name fails naming it.
func TestProjectionsRebuild(t *testing.T) {
	p := testkit.Start(t, testkit.SQLite(t), nil, linked.Modules()...)
	ada := []string{"Authorization", testkit.Bearer(t, "ada", auth.RoleCustomer)}
	if res := p.Do(t, http.MethodPost, "/api/cart/items", map[string]any{"product_id": "OLJCESPC7Z", "quantity": 1}, ada...); res.Status >= 300 {
		t.Fatalf("add to cart: %d %s", res.Status, res.Body)
	}
	card := map[string]any{"number": "4111111111111111", "cvv": 123, "expiration_year": 2039, "expiration_month": 12}
	address := map[string]any{"street_address": "1600 Amphitheatre Pkwy", "city": "Mountain View", "state": "CA", "country": "USA", "zip_code": "94043"}
	var placed orders.CheckoutAccepted
	p.Do(t, http.MethodPost, "/api/checkout", map[string]any{"email": "ada@example.com", "currency": "USD", "address": address, "credit_card": card}, ada...).Decode(t, &placed)
	testkit.Eventually(t, 20*time.Second, func() bool {
		var o orders.Order
		p.Do(t, http.MethodGet, "/api/orders/"+placed.OrderID, nil, ada...).Decode(t, &o)
		return o.Status == orders.StatusCompleted
	}, func() string { return "the order did not complete" })

	tool := func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		code := projectionsTool(append(args, "--url", p.URL, "--token", strings.TrimPrefix(testkit.AdminAuthorization, "Bearer ")), &stdout, &stderr)
		return code, stdout.String(), stderr.String()
	}
	code, out, errs := tool("rebuild")
	if code != 0 {
		t.Fatalf("rebuild: exit %d\n%s%s", code, out, errs)
	}
	for _, name := range []string{"order_view", "customer_orders", "daily_sales"} {
		if !strings.Contains(out, name) {
			t.Errorf("rebuild's output lacks %s:\n%s", name, out)
		}
	}
	code, out, errs = tool("rebuild", "daily_sales")
	if lines := strings.Split(strings.TrimSpace(out), "\n"); code != 0 || len(lines) != 2 || !strings.HasPrefix(lines[1], "daily_sales") || !strings.HasSuffix(lines[1], " 0") {
		t.Errorf("rebuild daily_sales: exit %d\n%s%s", code, out, errs)
	}
	if code, out, _ = tool("list"); code != 0 || strings.Count(out, "\n") != 4 {
		t.Errorf("list: exit %d\n%s", code, out)
	}
	if code, _, errs = tool("rebuild", "best_sellers"); code != 1 || !strings.Contains(errs, `"best_sellers"`) {
		t.Errorf("an unknown projection: exit %d, stderr %q; want 1 naming it", code, errs)
	}
	if code, _, _ = tool("rebuild", "a", "b"); code != 2 {
		t.Errorf("two names: exit %d, want 2", code)
	}

	var list orders.Projections
	p.Do(t, http.MethodGet, "/api/admin/projections", nil, "Authorization", testkit.AdminAuthorization).Decode(t, &list)
	for _, pr := range list.Projections {
		if pr.Checkpoint == 0 || pr.Lag != 0 {
			t.Errorf("after the rebuilds %+v: want caught up past the order's events", pr)
		}
	}
}
