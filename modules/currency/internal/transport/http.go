package transport

import (
	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/modules/currency"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/gateway"
)

// Mount adds the currency routes under /api/currency, described in the
// contract (http.go). They call the bus, so HTTP and bus callers get the
// same answers and errors:
//
//	GET  /api/currency/currencies  → {"currency_codes": [...]}
//	POST /api/currency/convert     {"from": Money, "to_code": "JPY"} → Money
func Mount(g *gateway.Gateway, b *bus.Bus) {
	r := g.API("currency")
	r.Get("/currencies", listCurrencies(b))
	r.Post("/convert", convert(b))
}

func listCurrencies(b *bus.Bus) fiber.Handler {
	return func(c *fiber.Ctx) error {
		rep, err := currency.SupportedCurrencies.Call(c.UserContext(), b, currency.SupportedRequest{})
		if err != nil {
			return err
		}
		return c.JSON(rep)
	}
}

func convert(b *bus.Bus) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var req currency.ConvertRequest
		if err := gateway.Bind(c, &req); err != nil {
			return err
		}
		rep, err := currency.Convert.Call(c.UserContext(), b, req)
		if err != nil {
			return err
		}
		return c.JSON(rep)
	}
}
