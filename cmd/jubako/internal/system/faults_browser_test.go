package system

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/jubako/jubako/modules/orders"
)

// TestFaultsInChromium: in a real Chromium the admin injects faults through
// the console's form — an error on payment.Charge, which cancels the next
// checkout, and a latency for the experiment's cohort — sees them listed
// with the time they have left, and halts them all; the next checkout
// completes. Each state is saved as a screenshot (faults-*.png).
func TestFaultsInChromium(t *testing.T) {
	path := chromium(t)
	p, s, _ := consoleShop(t)
	b := newBrowser(t, path, p.URL)
	b.prefix = "faults"
	b.logIn(adminEmail, adminPassword)

	b.open("/admin/faults")
	b.waitText("#live", "No fault is active.")
	b.shot("none")
	b.inject(map[string]string{"target": "payment.Charge", "kind": "error", "code": "conflict"})
	b.waitText("#flash", "Injected error on payment.Charge for 5m0s")
	b.inject(map[string]string{"target": "GET /api/catalog/products/{id}", "kind": "latency", "latency": "300ms", "jitter": "100ms",
		"percent": "25", "cohort": "experiment", "ttl": "90s"})
	b.waitText("#fault-list", "payment.Charge", "conflict", "GET /api/catalog/products/{id}", "300ms ± 100ms", "25 %", "experiment", "of 1m30s")
	b.shot("active")

	if o := placeOrder(t, s, "4111111111111111"); o.Status != orders.StatusCancelled || !strings.Contains(o.CancellationReason, "fault injected") {
		t.Errorf("a checkout under the fault: %s (%q), want CANCELLED by it", o.Status, o.CancellationReason)
	}

	// hx-confirm asks the browser's confirm(): say yes.
	if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`window.confirm = () => true; true`)); err != nil {
		t.Fatal(err)
	}
	b.do(chromedp.Click(chromedp.ID("halt")))
	b.waitText("#flash", "Every fault ended.")
	b.waitText("#live", "No fault is active.")
	b.shot("halted")
	if o := placeOrder(t, s, "4111111111111111"); o.Status != orders.StatusCompleted {
		t.Errorf("a checkout after the halt: %s (%q), want COMPLETED", o.Status, o.CancellationReason)
	}
}

// inject fills the fault form's fields given and sends it.
func (b *browser) inject(fields map[string]string) {
	b.t.Helper()
	for name, v := range fields {
		b.do(chromedp.SetValue(chromedp.CSS(`#fault-form [name="`+name+`"]`), v))
	}
	b.do(chromedp.Click(chromedp.ID("inject")))
}
