package system

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/platform/testkit"
)

// TestConsoleInChromium walks the console in a real headless Chromium:
// the admin logs in through the form, finds a declined checkout's saga,
// reads why it was cancelled, follows it to its trace, resubmits a dead
// letter, and a customer is refused. Every page is saved as a screenshot.
func TestConsoleInChromium(t *testing.T) {
	path := chromium(t)
	p, s, pr := consoleShop(t)
	b := newBrowser(t, path, p.URL)

	if status := b.open("/admin"); status != http.StatusOK || !strings.Contains(b.html(), `action="/admin/login"`) {
		t.Fatalf("an anonymous visit to /admin ends with %d, not on the login form", status)
	}
	b.shot("login")
	if status := b.logIn(adminEmail, adminPassword); status != http.StatusOK {
		t.Fatalf("the admin's login ends with %d", status)
	}
	b.waitText("main", "Overview", "Readiness", "orders", "payment")

	declined := placeOrder(t, s, "4000000000000002")
	completed := placeOrder(t, s, "4111111111111111")
	if declined.Status != orders.StatusCancelled || completed.Status != orders.StatusCompleted {
		t.Fatalf("orders %s and %s, want CANCELLED and COMPLETED", declined.Status, completed.Status)
	}
	b.open("/admin")
	b.waitJS(`document.querySelector('#modules tr[data-module="payment"]').dataset.total >= 2`)
	b.shot("overview")

	b.open("/admin/map")
	b.do(chromedp.WaitVisible(chromedp.CSS(`svg.map g.edge[data-from="orders"][data-to="payment"]`)))
	b.shot("module-map")

	// The declined checkout, from the Sagas list to its timeline and trace.
	b.open("/admin/sagas?status=CANCELLED")
	b.waitText("#saga-list", declined.ID)
	b.shot("sagas")
	b.do(chromedp.Click(chromedp.CSS(`tr[data-saga="` + declined.ID + `"] a`)))
	reason := b.waitText("#saga-reason", "card declined")
	timeline := b.waitText("#timeline", "reserve", "charge", "compensated", "card ending in 0002 was declined")
	t.Logf("cancelled because %q", reason)
	if strings.Contains(b.html(), "4000000000000002") {
		t.Error("the saga page shows the card number")
	}
	if !strings.Contains(timeline, "failed") {
		t.Errorf("the timeline shows no failed step:\n%s", timeline)
	}
	b.shot("saga-cancelled")
	b.do(chromedp.Click(chromedp.ID("trace-link")))
	b.waitText("#waterfall", "POST /api/checkout", "inventory.Reserve", "payment.Charge", "shipping.Quote")
	checkModules(t, b, "orders", "inventory", "payment", "shipping")
	b.shot("trace-cancelled")

	// The completed one's trace reaches shipping as well.
	b.open("/admin/sagas/" + completed.ID)
	b.waitText("#saga-status", "COMPLETED")
	b.do(chromedp.Click(chromedp.ID("trace-link")))
	b.waitText("#waterfall", "shipping.Ship", "payment.Charge", "inventory.Reserve")
	checkModules(t, b, "orders", "inventory", "payment", "shipping")
	b.shot("trace-completed")
	b.open("/admin/traces?route=checkout")
	b.waitText("#trace-list", "POST /api/checkout")
	b.shot("traces")

	// A dead letter, resubmitted once the probe accepts it again.
	pr.refusing.Store(true)
	pr.poke(t, p, "console")
	b.open("/admin/messages")
	b.waitText("#dead-letter-table", "probe.poked.v1", "the probe refuses console")
	b.shot("messages-dead-letter")
	pr.refusing.Store(false)
	b.do(chromedp.Click(chromedp.CSS("#dead-letter-table button.resubmit")))
	b.waitText("#flash", "Resubmitted")
	b.waitText("#live", "No dead letters.")
	testkit.Eventually(t, 30*time.Second, func() bool { return pr.handled.Load() == 1 },
		func() string { return "the resubmitted event was not handled" })
	b.shot("messages-resubmitted")

	b.open("/admin/panels/orders?id=" + declined.ID)
	b.waitText("#order-result", "CANCELLED", "cancellation")
	b.shot("orders-panel")

	b.open("/admin/config")
	b.waitText("main", "auth.signing_key", "notification.smtp.password", "set, redacted")
	for _, secret := range []string{testkit.SigningKey, consoleToken, smtpPassword, adminPassword} {
		if strings.Contains(b.html(), secret) {
			t.Errorf("the Config page shows %q", secret)
		}
	}
	b.shot("config")

	// Logged out, a customer who logs in is refused.
	b.submit(`form.who button`)
	if status := b.logIn(customerEmail, customerPassword); status != http.StatusForbidden {
		t.Errorf("a customer's login ends with %d, want 403", status)
	}
	b.waitText("main", "The console is for admins")
	b.shot("customer-forbidden")
}

// checkModules asserts the waterfall has spans of every module.
func checkModules(t *testing.T, b *browser, modules ...string) {
	t.Helper()
	html := b.html()
	for _, m := range modules {
		if !strings.Contains(html, `data-module="`+m+`"`) {
			t.Errorf("the trace has no span of %s", m)
		}
	}
}
