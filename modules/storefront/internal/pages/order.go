package pages

import (
	"github.com/gofiber/fiber/v2"
)

// refreshSeconds is how often an order page whose checkout runs reloads
// itself without JavaScript; with it, htmx asks every second.
const refreshSeconds = 2

// order is GET /orders/{id}: the order and its checkout as it happens —
// until COMPLETED with its tracking number, or CANCELLED with the reason.
func (p *Pages) order(c *fiber.Ctx, v visitor) error {
	ov, err := p.app.OrderView(c.UserContext(), v.ID, c.Params("id"), v.Choice)
	if err != nil {
		return err
	}
	page := view{Title: "Order " + ov.Order.ID, Page: "order", Shell: ov.Shell, Degraded: ov.Degraded, Data: ov}
	if !ov.Final() {
		page.Refresh = refreshSeconds
	}
	return p.show(c, v, fiber.StatusOK, page)
}

// orders is GET /orders: the visitor's orders, newest first.
func (p *Pages) orders(c *fiber.Ctx, v visitor) error {
	ov, err := p.app.OrdersView(c.UserContext(), v.ID, v.Choice)
	if err != nil {
		return err
	}
	return p.show(c, v, fiber.StatusOK, view{Title: "My orders", Page: "orders", Shell: ov.Shell, Degraded: ov.Degraded, Data: ov})
}
