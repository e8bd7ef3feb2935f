package system

import (
	"net/http"
	"strings"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// Widths the shop is looked at: a phone's and a desktop's.
const (
	phoneWidth, phoneHeight     = 390, 844
	desktopWidth, desktopHeight = 1280, 800
)

// both saves the page as a phone and a desktop show it, after checking
// what every shop page must have (see accessible).
func (b *browser) both(name string) {
	b.t.Helper()
	b.accessible(name)
	b.do(chromedp.EmulateViewport(phoneWidth, phoneHeight))
	b.shot(name + "-phone")
	b.do(chromedp.EmulateViewport(desktopWidth, desktopHeight))
	b.shot(name + "-desktop")
}

// accessible checks the page in the browser: a language, one h1, a label
// for every field, an alt text on every picture, nothing loaded from
// another origin.
func (b *browser) accessible(name string) {
	b.t.Helper()
	for what, expr := range map[string]string{
		"a language":                 `document.documentElement.lang === "en"`,
		"one h1":                     `document.querySelectorAll("h1").length === 1`,
		"a label for every field":    `[...document.querySelectorAll("input:not([type=hidden]), select")].every(e => e.labels.length > 0)`,
		"an alt on every picture":    `[...document.querySelectorAll("img")].every(i => i.hasAttribute("alt"))`,
		"nothing from other origins": `performance.getEntriesByType("resource").every(r => r.name.startsWith(location.origin) || r.name.startsWith("data:"))`,
	} {
		ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](expr))
		if err != nil || !ok {
			b.t.Errorf("%s: the page lacks %s (%v)", name, what, err)
		}
	}
}

// fill sets the form fields, by id; an empty value clears the field.
func (b *browser) fill(fields map[string]string) {
	b.t.Helper()
	for id, v := range fields {
		if v == "" {
			b.do(chromedp.Clear(chromedp.ID(id)))
			continue
		}
		b.do(chromedp.SetValue(chromedp.ID(id), v))
	}
}

// addToCart opens the product's page and adds quantity of it.
func (b *browser) addToCart(product, quantity string) {
	b.t.Helper()
	if status := b.open("/product/" + product); status != http.StatusOK {
		b.t.Fatalf("product %s: %d", product, status)
	}
	b.fill(map[string]string{"quantity": quantity})
	if status := b.submit(`form.add button`); status != http.StatusOK {
		b.t.Fatalf("add %s to the cart: %d", product, status)
	}
	b.waitText("#cart-lines", "Quantity")
}

// checkout places the order from the cart page with the fields changed,
// and waits for the order page to say status (as its customer reads it).
func (b *browser) checkout(fields map[string]string, status string) string {
	b.t.Helper()
	if code := b.open("/cart"); code != http.StatusOK {
		b.t.Fatalf("cart: %d", code)
	}
	b.fill(fields)
	if code := b.submit(`#checkout button[type=submit]`); code != http.StatusOK {
		b.t.Fatalf("place the order: %d", code)
	}
	return b.waitText("#order-live", status)
}

// scripts turns the page's JavaScript off (false) or on.
func (b *browser) scripts(on bool) {
	b.t.Helper()
	if _, err := chromedp.Call(b.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !on}); err != nil {
		b.t.Fatal(err)
	}
}

// texts are the texts of the elements sel selects.
func (b *browser) texts(sel string) []string {
	b.t.Helper()
	out, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("`+sel+`")].map(e => e.textContent.trim())`))
	if err != nil {
		b.t.Fatal(err)
	}
	return out
}

// amount reads a shown price ("€1,234.50") as "1234.50".
func amount(shown string) string {
	return strings.Map(func(r rune) rune {
		if (r >= '0' && r <= '9') || r == '.' {
			return r
		}
		return -1
	}, shown)
}
