package gateway

import (
	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/platform/telemetry"
	"github.com/jubako/jubako/shared"
)

// ErrorPage writes an error, answered with status, as a page for people.
type ErrorPage func(c *fiber.Ctx, status int, e *shared.Error) error

// ServeErrorPages has page write the errors of the requests under
// prefixes — a module's HTML pages — instead of the JSON error body: those
// of its handlers, and those of the edge before them (a 429 of the rate
// limiter with its Retry-After, the 400 of a bad form, a 413). Should page
// fail, the JSON body is sent.
func (g *Gateway) ServeErrorPages(page ErrorPage, prefixes ...string) {
	if g.errorPages == nil {
		g.errorPages = map[string]ErrorPage{}
	}
	for _, p := range prefixes {
		g.errorPages[p] = page
	}
}

// errorPage is the page writer of the longest prefix of the request's
// path that has one — none for a request the server could not read
// (headers too large…), which reached no route: its path is unknown.
func (g *Gateway) errorPage(c *fiber.Ctx) ErrorPage {
	if len(c.Route().Handlers) == 0 {
		return nil
	}
	var page ErrorPage
	longest := 0
	for prefix, p := range g.errorPages {
		if len(prefix) > longest && telemetry.PathUnder(c.Path(), prefix) {
			page, longest = p, len(prefix)
		}
	}
	return page
}
