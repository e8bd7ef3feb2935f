package system

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"go.uber.org/fx"

	"github.com/jubako/jubako/cmd/jubako/internal/linked"
	"github.com/jubako/jubako/cmd/jubako/internal/loadgen"
	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/modules/storefront"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/console"
	"github.com/jubako/jubako/platform/testkit"
)

// TestShopInChromium is a person shopping in a real headless Chromium:
// a whole purchase from the home page to the order page showing it
// COMPLETED (htmx following the checkout), a currency switch changing
// every price, a declined card and an unreachable zip code told in plain
// words, a form's mistakes marked, signing up and in keeping the cart, the
// same purchase with JavaScript off, a form from another site refused,
// and the console charting a load run of this process. Every page is
// saved as a phone and a desktop see it.
func TestShopInChromium(t *testing.T) {
	path := chromium(t)
	cur := &loadgen.Current{}
	panel := console.AddPanel(func() console.Panel { return loadgen.Panel(cur) })
	slow := &slowCharges{}
	p := testkit.Start(t, testkit.SQLite(t), consoleSettings(), append(append([]fx.Option{}, linked.Modules()...), panel, slow.module())...)
	b := newBrowser(t, path, p.URL)
	b.prefix = "shop"

	purchase(t, b)
	currencySwitch(t, b, p)
	troubles(t, b)
	signInKeepsTheCart(t, b)
	withoutJavaScript(t, b, slow)
	crossSiteRefused(t, b)
	loadRunCharted(t, b, p, cur)
}

// purchase: home → product → add → cart → checkout → COMPLETED.
func purchase(t *testing.T, b *browser) {
	if status := b.open("/"); status != http.StatusOK {
		t.Fatalf("home: %d", status)
	}
	b.waitText("#products", "Sunglasses", "US$19.99")
	b.both("home")
	if status := b.submit(`#products a[href="/product/` + sunglasses + `"]`); status != http.StatusOK {
		t.Fatalf("the sunglasses' page: %d", status)
	}
	b.waitText("main h1", "Sunglasses")
	b.both("product")
	b.fill(map[string]string{"quantity": "2"})
	if status := b.submit(`form.add button`); status != http.StatusOK {
		t.Fatalf("add to cart: %d", status)
	}
	b.waitText("#cart-lines", "Sunglasses", "Quantity 2 × US$19.99")
	b.waitText("#cart-count", "2")
	b.both("cart")
	order := b.checkout(nil, "completed")
	// The order page followed the checkout with htmx, and its header the emptied cart.
	b.waitJS(`typeof window.htmx === "object"`)
	b.waitJS(`document.querySelector("#cart-count") === null`)
	if !strings.Contains(order, "Thank you for your order") || !strings.Contains(b.waitText("#tracking-id"), "-") {
		t.Errorf("the order page shows:\n%s", order)
	}
	b.both("order-completed")
	b.open("/orders")
	b.waitText("#orders", "2 × Sunglasses", "completed")
	b.both("orders-guest")
}

// currencySwitch: choosing EUR changes every price on the home page to
// the currency module's conversion.
func currencySwitch(t *testing.T, b *browser, p *testkit.Process) {
	b.open("/")
	b.fill(map[string]string{"currency_code": "EUR"})
	if status := b.submit(`form.currency button`); status != http.StatusOK {
		t.Fatalf("set the currency: %d", status)
	}
	var page storefront.HomePage
	p.Do(t, http.MethodGet, "/bff/web/home?currency=EUR", nil).Decode(t, &page)
	got := b.texts("#products .price")
	if len(got) != len(page.Products) {
		t.Fatalf("%d prices shown, want %d", len(got), len(page.Products))
	}
	for i, c := range page.Products {
		if want := c.Price.Rat().FloatString(2); !strings.HasPrefix(got[i], "€") || amount(got[i]) != want {
			t.Errorf("%s shows %s after choosing EUR, want €%s", c.Name, got[i], want)
		}
	}
	b.both("home-eur")
}

// troubles: a declined card, an unreachable zip code, a form's mistakes
// and an unknown product, each told in plain words.
func troubles(t *testing.T, b *browser) {
	b.addToCart(mug, "1")
	b.checkout(map[string]string{"credit_card_number": "4000 0000 0000 0002"}, "cancelled")
	b.waitText("#order-reason", "Your card was declined — you were not charged.")
	b.both("order-declined")
	b.addToCart(mug, "1")
	b.checkout(map[string]string{"zip_code": "99999"}, "cancelled")
	b.waitText("#order-reason", "We cannot ship to 99999 — you were not charged.")

	b.open("/cart")
	b.fill(map[string]string{"email": "", "credit_card_cvv": "twelve"})
	if status := b.submit(`#checkout button[type=submit]`); status != http.StatusBadRequest {
		t.Fatalf("a form with mistakes: %d, want 400", status)
	}
	b.waitText("#problems", "Email is required", "CVV must be the 3 or 4 digits")
	b.waitJS(`document.querySelector("#email").getAttribute("aria-invalid") === "true"`)
	b.both("cart-mistakes")
	if status := b.open("/product/NOPE"); status != http.StatusNotFound {
		t.Errorf("an unknown product: %d", status)
	}
	b.waitText("main", "Not found")
	b.both("not-found")
}

// signInKeepsTheCart: a guest's cart follows them into a new account and
// comes back when they sign in again.
func signInKeepsTheCart(t *testing.T, b *browser) {
	b.open("/logout")
	b.addToCart(watch, "3")
	b.open("/register?next=/cart")
	b.both("register")
	b.fill(map[string]string{"email": "grace@example.com", "password": "grace's long secret"})
	if status := b.submit(`form[action="/register"] button`); status != http.StatusOK {
		t.Fatalf("register: %d", status)
	}
	b.waitText("#cart-lines", "Watch", "Quantity 3 ×")
	b.waitText("header", "Sign out", "My orders")
	b.open("/logout")
	b.open("/cart")
	b.waitText("#cart-empty", "Your cart is empty")
	b.open("/login")
	b.both("login")
	b.fill(map[string]string{"email": "grace@example.com", "password": "grace's long secret"})
	if status := b.submit(`form[action="/login"] button`); status != http.StatusOK {
		t.Fatalf("sign in: %d", status)
	}
	b.open("/cart")
	b.waitText("#cart-lines", "Watch", "Quantity 3 ×")
	b.checkout(nil, "completed")
	b.open("/orders")
	b.waitText("#orders", "3 × Watch")
	b.both("orders")
}

// withoutJavaScript: the whole purchase with scripts off, charges held up
// for a while: the order page shows the checkout in progress, then
// reloads itself until the order is COMPLETED.
func withoutJavaScript(t *testing.T, b *browser, slow *slowCharges) {
	b.scripts(false)
	defer b.scripts(true)
	b.addToCart(mug, "4")
	slow.hold.Store(true)
	b.checkout(nil, "in progress")
	if !strings.Contains(b.html(), `http-equiv="refresh"`) {
		t.Error("the order page in progress does not reload itself without scripts")
	}
	b.both("order-in-progress")
	slow.hold.Store(false)
	b.waitText("#order-live", "completed")
	b.waitText("#order-progress", "Your card is charged", "Your parcel is booked")
	if htmx, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`typeof window.htmx`)); err != nil || htmx != "undefined" {
		t.Errorf("with scripts off, htmx is %q (%v)", htmx, err)
	}
}

// slowCharges holds payment.Charge calls up for three seconds while hold
// is set, so that an order page can be seen in progress.
type slowCharges struct{ hold atomic.Bool }

func (s *slowCharges) module() fx.Option {
	return fx.Invoke(func(b *bus.Bus) {
		b.Use(func(next bus.Handler) bus.Handler {
			return func(ctx context.Context, c *bus.Call) error {
				if c.Name == payment.Charge.Info().Name && s.hold.Load() {
					time.Sleep(3 * time.Second)
				}
				return next(ctx, c)
			}
		})
	})
}

// crossSiteRefused: a form another site sends to the shop is refused.
func crossSiteRefused(t *testing.T, b *browser) {
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintf(w, `<!doctype html><form method="post" action="%s/cart"><input name="product_id" value="%s">`+
			`<input name="quantity" value="9"><button id="win">Win a prize</button></form>`, b.base, mug)
	}))
	defer evil.Close()
	other := strings.Replace(evil.URL, "127.0.0.1", "localhost", 1)
	if _, err := chromedp.Run(b.ctx, chromedp.NavigateResponse(other)); err != nil {
		t.Fatal(err)
	}
	if status := b.submit("#win"); status != http.StatusForbidden {
		t.Errorf("a form from %s: %d, want 403", other, status)
	}
	b.waitText("main", "This form came from another site")
	b.both("cross-site-refused")
	b.open("/cart")
	if strings.Contains(b.html(), "Quantity 9 ×") {
		t.Error("the other site's form changed the cart")
	}
}

// loadRunCharted: a load run of this process is charted by its console.
func loadRunCharted(t *testing.T, b *browser, p *testkit.Process, cur *loadgen.Current) {
	o := loadgen.Defaults()
	o.URL, o.Users, o.Duration, o.Think = p.URL, 4, 6*time.Second, loadgen.Think{Min: 100 * time.Millisecond, Max: 300 * time.Millisecond}
	r, err := loadgen.New(o)
	if err != nil {
		t.Fatal(err)
	}
	cur.Store(r)
	done := make(chan loadgen.Snapshot, 1)
	go func() { done <- r.Run(context.Background()) }()
	if status := b.logIn(adminEmail, adminPassword); status != http.StatusOK {
		t.Fatalf("the admin's login: %d", status)
	}
	b.open("/admin/panels/loadgen")
	b.waitText("#loadgen-state", "running")
	final := <-done
	b.waitText("#loadgen-state", "finished")
	b.waitText("#loadgen-tasks", "browseProduct", "checkout")
	b.shot("console-load-run")
	if final.Errors != 0 || final.Requests == 0 {
		t.Errorf("the load run: %d requests, %d failed tasks", final.Requests, final.Errors)
	}
}
