package gateway

import "github.com/gofiber/fiber/v2"

// Use adds h to the edge chain of public requests (not /internal), after
// the gateway's own links — authentication, response cache, handler
// deadline — and ahead of every route. fiber runs handlers in the order
// they were added: call it while wiring, before the modules mount their
// routes (host does, in its "edge" fx module).
func (g *Gateway) Use(h fiber.Handler) { g.App.Use(public(h)) }
