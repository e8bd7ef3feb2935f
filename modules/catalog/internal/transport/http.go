package transport

import (
	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/modules/catalog"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/shared"
)

// RegisterHTTP mounts /api/catalog, described in the contract (http.go).
// Handlers go through the bus, so a request behaves as a call from another
// module would.
func RegisterHTTP(g *gateway.Gateway, b *bus.Bus) {
	r := g.API("catalog")
	r.Get("/products", func(c *fiber.Ctx) error {
		reply, err := catalog.ListProducts.Call(c.UserContext(), b, catalog.ListProductsRequest{Query: c.Query("q")})
		if err != nil {
			return err
		}
		return c.JSON(reply)
	})
	r.Get("/products/:id", func(c *fiber.Ctx) error {
		p, err := catalog.GetProduct.Call(c.UserContext(), b, catalog.GetProductRequest{ID: c.Params("id")})
		if err != nil {
			return err
		}
		return c.JSON(p)
	})
	r.Put("/products/:id/price", g.RequireAdmin(), func(c *fiber.Ctx) error {
		var body catalog.PriceUpdate
		if err := gateway.Bind(c, &body); err != nil {
			return err
		}
		if body.PriceUSD == nil {
			return shared.Invalid("price_usd", "is required")
		}
		p, err := catalog.UpdatePrice.Call(c.UserContext(), b, catalog.UpdatePriceRequest{ID: c.Params("id"), PriceUSD: *body.PriceUSD})
		if err != nil {
			return err
		}
		return c.JSON(p)
	})
}
