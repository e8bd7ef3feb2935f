package transport

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/orders/internal/app"
	"github.com/jubako/jubako/platform/auth"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/shared"
)

// RegisterHTTP mounts /api/checkout, /api/orders and
// /api/admin/projections, described in the contract (http.go).
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
	mountProjections(g, s)
	r := g.API("orders")
	r.Get("/", func(c *fiber.Ctx) error {
		reply, err := orders.ListOrders.Call(c.UserContext(), b, orders.ListOrdersRequest{UserID: gateway.UserID(c)})
		if err != nil {
			return err
		}
		return c.JSON(reply)
	})
	r.Get("/:id/events", func(c *fiber.Ctx) error {
		claims, ok := gateway.Claims(c)
		events, err := s.OrderEvents(c.UserContext(), c.Params("id"), gateway.UserID(c), ok && claims.Role == auth.RoleAdmin)
		if err != nil {
			return err
		}
		return c.JSON(events)
	})
	r.Get("/:id", func(c *fiber.Ctx) error {
		if c.Context().QueryArgs().Has("as_of") {
			return orderAsOf(c, s)
		}
		o, err := orders.GetOrder.Call(c.UserContext(), b, orders.GetOrderRequest{OrderID: c.Params("id"), UserID: gateway.UserID(c)})
		if err != nil {
			return err
		}
		return c.JSON(o)
	})
}

// orderAsOf answers GET /api/orders/{id}?as_of=…: the order as it was
// then.
func orderAsOf(c *fiber.Ctx, s *app.Service) error {
	t, err := time.Parse(time.RFC3339Nano, c.Query("as_of"))
	if err != nil {
		return shared.Invalid("as_of", "must be an RFC 3339 time such as 2026-01-02T15:04:05Z, not %q", c.Query("as_of"))
	}
	o, err := s.OrderAsOf(c.UserContext(), c.Params("id"), gateway.UserID(c), t)
	if err != nil {
		return err
	}
	return c.JSON(o)
}
