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
	method, p, path := c.Method(), pattern(telemetry.RouteOf(c)), splitPath(c.Path())
	if r.known[method+" "+p] && matches(splitPath(p), path) {
		return method + " " + p
	}
	for _, segs := range r.patterns[method] {
		if matches(segs, path) {
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
		r.patterns[rt.Method] = append(r.patterns[rt.Method], splitPath(p))
	}
}

func splitPath(p string) []string {
	p = strings.Trim(p, "/")
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

// matches tells whether path takes a route of segments: literal ones
// (any case), parameters (":id", ":id?" also when absent) and a final
// wildcard ("*" or "+").
func matches(segs, path []string) bool {
	for i, s := range segs {
		switch {
		case s == "*" || s == "+":
			return i == len(segs)-1 && (s == "*" || i < len(path))
		case strings.HasPrefix(s, ":") && strings.HasSuffix(s, "?"):
			if i >= len(path) {
				return i == len(segs)-1
			}
		case i >= len(path):
			return false
		case strings.HasPrefix(s, ":"):
		case !strings.EqualFold(s, path[i]):
			return false
		}
	}
	return len(path) == len(segs)
}
