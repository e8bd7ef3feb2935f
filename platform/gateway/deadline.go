package gateway

import (
	"context"

	"github.com/gofiber/fiber/v2"
)

// deadline bounds the request's context by the handler timeout: bus calls
// (which carry the deadline to remote modules) and queries still running
// then are cancelled, and the request answers 503 unavailable. fasthttp
// cannot interrupt a handler, so one that ignores its context still runs
// to its end; http.write_timeout bounds the answer's write.
func (g *Gateway) deadline(c *fiber.Ctx) error {
	ctx, cancel := context.WithTimeout(c.UserContext(), g.cfg.HandlerTimeout)
	defer cancel()
	c.SetUserContext(ctx)
	return c.Next()
}
