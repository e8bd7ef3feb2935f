package system

import (
	"net/http"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/jubako/jubako/modules/orders"
)

// TestBreakersInChromium walks the console's Breakers page in a real
// headless Chromium: after a checkout the breakers of its calls are there,
// closed; the admin forces payment.Charge's open, sees it so, and gives it
// back to the calls. The page is saved as screenshots.
func TestBreakersInChromium(t *testing.T) {
	path := chromium(t)
	p, s, _ := consoleShop(t)
	b := newBrowser(t, path, p.URL)
	b.open("/admin")
	if status := b.logIn(adminEmail, adminPassword); status != http.StatusOK {
		t.Fatalf("the admin's login ends with %d", status)
	}
	if o := placeOrder(t, s, "4111111111111111"); o.Status != orders.StatusCompleted {
		t.Fatalf("order %s, want COMPLETED", o.Status)
	}
	if res, err := http.Get(s.url + "/bff/web/product/" + sunglasses); err == nil {
		res.Body.Close()
	}

	b.open("/admin/breakers")
	row := `#breaker-list tr[data-breaker="payment.Charge"]`
	b.waitText(row, "payment.Charge", "closed", "5 failures in a row")
	b.waitText(`#breaker-list tr[data-breaker="catalog.GetProduct"] td.last-good`, "repl")
	b.shot("breakers")

	b.do(chromedp.Click(chromedp.CSS(row + " button.force-open")))
	b.waitText("#flash", "forced open")
	b.waitText(row+" .state", "forced-open")
	b.shot("breakers-forced-open")

	b.do(chromedp.Click(chromedp.CSS(row + " button.force-auto")))
	b.waitText("#flash", "back to following the calls")
	b.waitText(row+" .state", "closed")
}
