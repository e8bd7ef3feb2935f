// Package storefront is the public contract of the storefront module, the
// shop's backend for frontends. It offers no endpoint on the bus: it serves
// the shop's HTML pages to people at Online Boutique's paths (PagePaths),
// and pages as JSON under /bff, each composed in one round trip from the
// catalog, currency, recommendation, ads and cart modules and shaped for
// its client — the web shop or a mobile app:
//
//	GET /bff/web/product/{id}?currency=EUR  → ProductPage
//	GET /bff/mobile/product/{id}            → MobileProductPage
//	GET /bff/web/home                       → HomePage
//
// Prices are in the caller's currency: ?currency=, else the jubako_currency
// cookie, else USD. Parts that are nice to have (recommendations, the ad,
// the cart count) are left out when their module fails or is slow, and the
// page names them in Degraded; the product itself failing fails the page,
// unless the catalog answers from its last good reply: the page then names
// the endpoints that did so in Stale.
package storefront

import (
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

// PagePaths are the path prefixes of the shop's HTML pages, at Online
// Boutique's paths — /, /product/{id}, /cart (and /cart/empty,
// /cart/checkout), /setCurrency, /logout — with jubako's own /orders,
// /login and /register, and /static for their assets. They are pages for
// people, not API: the API document leaves them out, as it does the
// console's.
var PagePaths = []string{"/", "/product", "/cart", "/setCurrency", "/orders", "/login", "/register", "/logout", "/static"}

// The JSON pages are served under /bff, the HTML pages at PagePaths.
var _ = bus.PublicPaths("storefront", append([]string{"/bff"}, PagePaths...)...)

// CurrencyCookie holds the currency a visitor chose.
const CurrencyCookie = "jubako_currency"

// Parts of a page that may be left out; Degraded lists them.
const (
	PartRecommendations = "recommendations"
	PartAd              = "ad"
	PartCart            = "cart"
)

// Product is a catalog product priced in the page's currency.
type Product struct {
	ID          string       `json:"id"`
	Name        string       `json:"name"`
	Description string       `json:"description"`
	Picture     string       `json:"picture"`
	Price       shared.Money `json:"price"`
	Categories  []string     `json:"categories"`
}

// Card is a product in a grid or a list of recommendations.
type Card struct {
	ID      string       `json:"id"`
	Name    string       `json:"name"`
	Picture string       `json:"picture"`
	Price   shared.Money `json:"price"`
}

// Ad is a text ad pointing at a product page.
type Ad struct {
	RedirectURL string `json:"redirect_url"`
	Text        string `json:"text"`
}

// ProductPage is the web shop's product page.
type ProductPage struct {
	Currency        string  `json:"currency"`
	Product         Product `json:"product"`
	Recommendations []Card  `json:"recommendations"`
	// Ad is chosen by the product's first category; nil when there is none.
	Ad *Ad `json:"ad"`
	// CartItemCount is the number of items (quantities added up) in the
	// caller's cart.
	CartItemCount int `json:"cart_item_count"`
	// Degraded names the parts left out; empty when the page is whole.
	Degraded []string `json:"degraded"`
	// Stale names the endpoints that answered from their last good reply
	// because their module failed (the X-Jubako-Stale header says how old);
	// empty when every part is fresh.
	Stale []string `json:"stale"`
}

// MobileCard is a recommendation as the mobile app shows it.
type MobileCard struct {
	ID    string       `json:"id"`
	Name  string       `json:"name"`
	Price shared.Money `json:"price"`
}

// MobileProductPage is the mobile app's product page: no description, no
// ad, a thumbnail (the picture's path with ?size=small).
type MobileProductPage struct {
	Currency        string       `json:"currency"`
	ID              string       `json:"id"`
	Name            string       `json:"name"`
	Price           shared.Money `json:"price"`
	Picture         string       `json:"picture"`
	Recommendations []MobileCard `json:"recommendations"`
	CartItemCount   int          `json:"cart_item_count"`
	Degraded        []string     `json:"degraded"`
	Stale           []string     `json:"stale"`
}

// HomePage is the web shop's home page: every product.
type HomePage struct {
	Currency      string   `json:"currency"`
	Products      []Card   `json:"products"`
	CartItemCount int      `json:"cart_item_count"`
	Degraded      []string `json:"degraded"`
	Stale         []string `json:"stale"`
}
