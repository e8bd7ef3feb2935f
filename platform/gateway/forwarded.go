package gateway

import (
	"crypto/subtle"

	"github.com/gofiber/fiber/v2"
)

// HeaderForwarded marks a request that another process's gateway forwards
// to the module served here; its value is the service token. Such a request
// already passed an edge: it is not rate-limited again, and cached only by
// a route its module declares (which the forwarding front does not know).
const HeaderForwarded = "X-Jubako-Forwarded"

// TrustForwarded makes the gateway recognise requests forwarded by the
// other processes of its topology, which bear token. Call it while wiring.
func (g *Gateway) TrustForwarded(token string) { g.serviceToken = token }

func (g *Gateway) forwarded(c *fiber.Ctx) bool {
	got := c.Get(HeaderForwarded)
	return g.serviceToken != "" && got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(g.serviceToken)) == 1
}

// Forwarded tells whether c was forwarded by another process of the
// topology (it bears the service token): its edge already ran there.
func (g *Gateway) Forwarded(c *fiber.Ctx) bool { return g.forwarded(c) }
