package linked

import (
	_ "embed"

	"github.com/gofiber/fiber/v2"
	"go.uber.org/fx"

	"github.com/jubako/jubako/platform/gateway"
)

// openAPI describes every public route of the shop (OpenAPI 3.1). It is
// maintained by hand next to the routes; a test fails when a route is
// missing from it or it lists one that does not exist.
//
//go:embed openapi.json
var openAPI []byte

// Every build serves the document: a split build forwards the routes it
// does not serve itself, so its clients see the whole API too.
func init() { modules = append(modules, fx.Invoke(serveOpenAPI)) }

func serveOpenAPI(g *gateway.Gateway) {
	g.App.Get("/api/openapi.json", func(c *fiber.Ctx) error {
		c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
		return c.Send(openAPI)
	})
}
