package remote

import (
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/proxy"
	"github.com/valyala/fasthttp"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/shared"
)

// Forward makes this process's gateway the front of a remote module: its
// public paths (/api/<module> and those its contract declares) are proxied
// to the module's process, headers and cookies included, so clients keep
// one address; when the module's process cannot be reached the answer is
// 503 unavailable. /internal stays internal: it is never forwarded. The
// request bears the service token in gateway.HeaderForwarded: it was
// rate-limited here, the module's process does not count it again.
func Forward(g *gateway.Gateway, module, base string, client *fasthttp.Client, token string) {
	handler := func(c *fiber.Ctx) error {
		c.Request().Header.Set(gateway.HeaderForwarded, token)
		if err := proxy.Do(c, base+c.OriginalURL(), client); err != nil {
			// Public answer: the module's address and the cause stay inside.
			return shared.Errorf(shared.CodeUnavailable, "module %s is unavailable, try again later", module)
		}
		return nil
	}
	for _, prefix := range bus.PathsOf(module) {
		g.App.All(prefix, handler)
		g.App.All(prefix+"/*", handler)
	}
}
