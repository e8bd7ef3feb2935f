// Package pages serves the shop to people: server-rendered HTML pages
// (html/template, from web/shop) at Online Boutique's paths and form
// field names, each composed by one call to the storefront's app, which
// fetches its parts concurrently. They work without JavaScript; htmx only
// makes the order page follow its checkout live.
//
// A visitor is a guest (the gateway's jubako_session cookie keeps their
// cart) or a customer signed in with the jubako_account cookie, which
// holds the token identity issued. Forms carry no CSRF token: the shop
// refuses those a browser says come from another site (see sameOrigin),
// and its cookies are SameSite=Lax.
package pages

import (
	"log/slog"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/etag"

	"github.com/jubako/jubako/modules/storefront"
	"github.com/jubako/jubako/modules/storefront/internal/app"
	"github.com/jubako/jubako/platform/auth"
	"github.com/jubako/jubako/platform/gateway"
)

// Pages serves the shop's pages.
type Pages struct {
	app   *app.Service
	keys  *auth.Keys
	views views
	log   *slog.Logger
}

// handler serves a page for a visitor.
type handler func(c *fiber.Ctx, v visitor) error

// Register mounts the pages at storefront.PagePaths and has the gateway
// answer their errors as pages.
func Register(g *gateway.Gateway, s *app.Service, keys *auth.Keys, log *slog.Logger) error {
	v, err := loadViews()
	if err != nil {
		return err
	}
	p := &Pages{app: s, keys: keys, views: v, log: log}
	g.ServeErrorPages(p.errorPage, storefront.PagePaths...)
	g.Route("storefront", "/").Get("/", p.page(p.home))
	g.Route("storefront", "/product").Get("/:id", p.page(p.product))
	cart := g.Route("storefront", "/cart")
	cart.Get("/", p.page(p.cart))
	cart.Post("/", p.page(p.addToCart))
	cart.Post("/empty", p.page(p.emptyCart))
	cart.Post("/checkout", p.page(p.checkout))
	g.Route("storefront", "/setCurrency").Post("/", p.page(p.setCurrency))
	history := g.Route("storefront", "/orders")
	history.Get("/", p.page(p.orders))
	history.Get("/:id", p.page(p.order))
	login := g.Route("storefront", "/login")
	login.Get("/", p.page(p.loginPage))
	login.Post("/", p.page(p.login))
	register := g.Route("storefront", "/register")
	register.Get("/", p.page(p.registerPage))
	register.Post("/", p.page(p.register))
	g.Route("storefront", "/logout").Get("/", p.page(p.logout))
	g.Route("storefront", "/static").Get("/*", etag.New(), static)
	return nil
}

// page runs h for the request's visitor, with the pages' headers; a form
// another site sent is refused with 403.
func (p *Pages) page(h handler) fiber.Handler {
	return func(c *fiber.Ctx) error {
		secure(c)
		if !sameOrigin(c) {
			return fiber.NewError(fiber.StatusForbidden, "cross-site form refused")
		}
		return h(c, p.visitorOf(c))
	}
}
