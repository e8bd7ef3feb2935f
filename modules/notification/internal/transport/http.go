package transport

import (
	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/modules/notification"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/gateway"
)

// RegisterHTTP mounts /api/notification, described in the contract
// (http.go). Sending is a saga step with no public route; admins read what
// was sent:
//
//	GET /api/notification/mails?order_id=<id> (admin) → {"mails": [...]}
func RegisterHTTP(g *gateway.Gateway, b *bus.Bus) {
	g.API("notification").Get("/mails", g.RequireAdmin(), func(c *fiber.Ctx) error {
		reply, err := notification.Mails.Call(c.UserContext(), b, notification.MailsRequest{OrderID: c.Query("order_id")})
		if err != nil {
			return err
		}
		return c.JSON(reply)
	})
}
