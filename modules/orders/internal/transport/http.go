package transport

import (
	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/orders/internal/app"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/gateway"
)

// RegisterHTTP mounts /api/checkout and /api/orders, described in the
// contract (http.go).
func RegisterHTTP(g *gateway.Gateway, b *bus.Bus, s *app.Service) {
	g.Route("orders", "/api/checkout").Post("/", func(c *fiber.Ctx) error {
		var req orders.CheckoutRequest
		if err := gateway.Bind(c, &req); err != nil {
			return err
		}
		id, err := s.PlaceOrder(c.UserContext(), gateway.UserID(c), c.Get("Idempotency-Key"), req)
		if err != nil {
			return err
		}
		return c.Status(fiber.StatusAccepted).JSON(orders.CheckoutAccepted{OrderID: id, Status: orders.StatusPending})
	})
	r := g.API("orders")
	r.Get("/", func(c *fiber.Ctx) error {
		reply, err := orders.ListOrders.Call(c.UserContext(), b, orders.ListOrdersRequest{UserID: gateway.UserID(c)})
		if err != nil {
			return err
		}
		return c.JSON(reply)
	})
	r.Get("/:id", func(c *fiber.Ctx) error {
		o, err := orders.GetOrder.Call(c.UserContext(), b, orders.GetOrderRequest{OrderID: c.Params("id"), UserID: gateway.UserID(c)})
		if err != nil {
			return err
		}
		return c.JSON(o)
	})
}
