package system

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/platform/testkit"
)

// TestConsoleConfigShowsNoSecret logs in through the form and reads the
// Config page of the whole shop: the signing key, the service token, the
// database DSN, the SMTP and first admin's passwords never appear.
func TestConsoleConfigShowsNoSecret(t *testing.T) {
	p, _, _ := consoleShop(t)
	cookie, _ := consoleSession(t, p.URL)
	res := get(t, http.DefaultClient, p.URL+"/admin/config", nil, "Cookie", cookie)
	if res.status != http.StatusOK {
		t.Fatalf("config: %d %s", res.status, res.body)
	}
	var dsn string
	if err := p.DB.Raw("SELECT file FROM pragma_database_list WHERE name = 'main'").Scan(&dsn).Error; err != nil || dsn == "" {
		t.Fatalf("the database file: %q %v", dsn, err)
	}
	for _, secret := range []string{testkit.SigningKey, consoleToken, smtpPassword, adminPassword, dsn} {
		if strings.Contains(res.body, secret) {
			t.Errorf("the Config page shows the secret %q", secret)
		}
	}
	for _, key := range []string{"auth.signing_key", "service.token", "database.dsn", "notification.smtp.password", "orders.checkout_deadline", "inventory.initial_stock"} {
		if !strings.Contains(res.body, key) {
			t.Errorf("the Config page lacks %s", key)
		}
	}
}

// TestConsoleOrdersPanel looks an order up in the orders module's panel,
// in each checkout mode: the mode, and one timeline whose steps name their
// module, their endpoint or event, and link their trace.
func TestConsoleOrdersPanel(t *testing.T) {
	for _, mode := range checkoutModes {
		t.Run(mode, func(t *testing.T) { consoleOrdersPanel(t, mode) })
	}
}

func consoleOrdersPanel(t *testing.T, mode string) {
	p, s, _ := consoleShopWith(t, inMode(mode))
	c := s.customer()
	c.add(t, mug, 1)
	_, id, body := c.checkout(t, form(withCard("4000000000000002")), "")
	if id == "" {
		t.Fatalf("checkout: %s", body)
	}
	c.settled(t, id)
	cookie, _ := consoleSession(t, p.URL)
	var res response
	testkit.Eventually(t, 30*time.Second, func() bool {
		res = get(t, http.DefaultClient, p.URL+"/admin/panels/orders?id="+id, nil, "Cookie", cookie)
		return strings.Contains(res.body, `<span class="badge">cancellation</span>`)
	}, func() string { return fmt.Sprintf("the panel: %d %s", res.status, res.body) })
	told := map[string][]string{
		orders.ModeOrchestration: {`href="/admin/sagas/` + id + `"`, "inventory.Reserve", "payment.Charge", "inventory.Release"},
		orders.ModeChoreography:  {"purchase.stock_reserved.v1", "purchase.payment_failed.v1", "purchase.stock_released.v1"},
	}[mode]
	for _, want := range append([]string{"Orders and mails", "CANCELLED", "declined", "ada@example.com", "Mug",
		`<dd id="order-mode">` + mode + `</dd>`, "<td>inventory</td>", "<td>payment</td>", `href="/admin/traces/`}, told...) {
		if !strings.Contains(res.body, want) {
			t.Errorf("the panel lacks %q", want)
		}
	}
	if mode == orders.ModeChoreography && strings.Contains(res.body, "/admin/sagas/") {
		t.Error("the panel links a saga the choreographed order does not have")
	}
	if strings.Contains(res.body, "4000000000000002") {
		t.Error("the panel shows the card number")
	}
	if res = get(t, http.DefaultClient, p.URL+"/admin/panels/orders?id=nope", nil, "Cookie", cookie); !strings.Contains(res.body, "No order nope.") {
		t.Errorf("an unknown order: %s", res.body)
	}
}

// TestConsoleSalesPanel shows a completed order's lines in the orders
// module's Sales panel, counted on the day it completed, beside the
// projections' checkpoints.
func TestConsoleSalesPanel(t *testing.T) {
	p, s, _ := consoleShop(t)
	c := s.customer()
	c.add(t, mug, 3)
	_, id, body := c.checkout(t, form(nil), "")
	if id == "" {
		t.Fatalf("checkout: %s", body)
	}
	if o := c.settled(t, id); o.Status != orders.StatusCompleted {
		t.Fatalf("order %s is %s", id, o.Status)
	}
	cookie, _ := consoleSession(t, p.URL)
	var res response
	today := time.Now().UTC().Format("2006-01-02")
	testkit.Eventually(t, 10*time.Second, func() bool {
		res = get(t, http.DefaultClient, p.URL+"/admin/panels/sales", nil, "Cookie", cookie)
		return strings.Contains(res.body, "<td>"+today+"</td>")
	}, func() string { return fmt.Sprintf("the panel: %d %s", res.status, res.body) })
	for _, want := range []string{"Sales", mug, "Mug", `<td class="n">3</td>`, "EUR", "daily_sales", "customer_orders", "order_view"} {
		if !strings.Contains(res.body, want) {
			t.Errorf("the panel lacks %q", want)
		}
	}
}
