package transport

import (
	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/gateway"
)

// RegisterHTTP mounts /api/payment, described in the contract (http.go).
// Charges and refunds travel only over the bus, from the checkout saga;
// HTTP offers the ledger to admins:
//
//	GET /api/payment/ledger?reference=<order id>  → LedgerReply (admin)
func RegisterHTTP(g *gateway.Gateway, b *bus.Bus) {
	r := g.API("payment")
	r.Get("/ledger", g.RequireAdmin(), func(c *fiber.Ctx) error {
		reply, err := payment.Ledger.Call(c.UserContext(), b, payment.LedgerRequest{Reference: c.Query("reference")})
		if err != nil {
			return err
		}
		return c.JSON(reply)
	})
}
