// Package transport serves the storefront's pages over HTTP.
package transport

import (
	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/modules/storefront"
	"github.com/jubako/jubako/modules/storefront/internal/app"
	"github.com/jubako/jubako/platform/gateway"
)

// RegisterHTTP mounts the pages under /bff, described in the contract
// (http.go):
//
//	GET /bff/web/product/:id?currency=  → ProductPage
//	GET /bff/mobile/product/:id?currency= → MobileProductPage
//	GET /bff/web/home?currency=         → HomePage
func RegisterHTTP(g *gateway.Gateway, s *app.Service) {
	r := g.Route("storefront", "/bff")
	r.Get("/web/product/:id", func(c *fiber.Ctx) error {
		page, err := s.ProductPage(c.UserContext(), c.Params("id"), gateway.UserID(c), choice(c))
		return reply(c, page, err)
	})
	r.Get("/mobile/product/:id", func(c *fiber.Ctx) error {
		page, err := s.MobileProductPage(c.UserContext(), c.Params("id"), gateway.UserID(c), choice(c))
		return reply(c, page, err)
	})
	r.Get("/web/home", func(c *fiber.Ctx) error {
		page, err := s.HomePage(c.UserContext(), gateway.UserID(c), choice(c))
		return reply(c, page, err)
	})
}

// choice is the currency the caller asks for: ?currency=, else the cookie.
func choice(c *fiber.Ctx) app.Choice {
	return app.Choice{Requested: c.Query("currency"), Preferred: c.Cookies(storefront.CurrencyCookie)}
}

func reply[T any](c *fiber.Ctx, page T, err error) error {
	if err != nil {
		return err
	}
	return c.JSON(page)
}
