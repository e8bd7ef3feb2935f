package transport

import (
	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/gateway"
)

// RegisterHTTP mounts /api/shipping, described in the contract (http.go).
// Handlers go through the bus, so a request behaves as a call from another
// module would:
//
//	POST /api/shipping/quote                {"address", "items", "currency"} → Money
//	GET  /api/shipping/shipments?reference= (admin) → {"shipments": [...]}
//
// Ship and Cancel are saga steps with no public route.
func RegisterHTTP(g *gateway.Gateway, b *bus.Bus) {
	r := g.API("shipping")
	r.Post("/quote", quote(b))
	r.Get("/shipments", g.RequireAdmin(), shipments(b))
}

func quote(b *bus.Bus) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var req shipping.QuoteRequest
		if err := gateway.Bind(c, &req); err != nil {
			return err
		}
		price, err := shipping.Quote.Call(c.UserContext(), b, req)
		if err != nil {
			return err
		}
		return c.JSON(price)
	}
}

func shipments(b *bus.Bus) fiber.Handler {
	return func(c *fiber.Ctx) error {
		reply, err := shipping.Shipments.Call(c.UserContext(), b, shipping.ShipmentsRequest{Reference: c.Query("reference")})
		if err != nil {
			return err
		}
		return c.JSON(reply)
	}
}
