package experiment

import (
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/platform/telemetry"
)

// routes names the route of a request the way the console and the metrics
// do ("GET /api/things/:id"), also when a middleware answered it before
// any route ran — a fault on an HTTP route, say: it then finds the route
// that would have served the request among the app's routes.
type routes struct {
	once     sync.Once
	patterns map[string][][]string // method → patterns, split in segments
	known    map[string]bool       // "METHOD /pattern"
}

func (r *routes) of(c *fiber.Ctx) string {
	r.once.Do(func() { r.load(c.App()) })
	method, p, path := c.Method(), pattern(telemetry.RouteOf(c)), telemetry.SplitPath(c.Path())
	if r.known[method+" "+p] && telemetry.PathMatches(telemetry.SplitPath(p), path) {
		return method + " " + p
	}
	for _, segs := range r.patterns[method] {
		if telemetry.PathMatches(segs, path) {
			return method + " " + pattern("/"+strings.Join(segs, "/"))
		}
	}
	return method + " " + p
}

func (r *routes) load(app *fiber.App) {
	r.patterns, r.known = map[string][][]string{}, map[string]bool{}
	for _, rt := range app.GetRoutes(true) {
		p := pattern(rt.Path)
		if r.known[rt.Method+" "+p] {
			continue
		}
		r.known[rt.Method+" "+p] = true
		r.patterns[rt.Method] = append(r.patterns[rt.Method], telemetry.SplitPath(p))
	}
}
