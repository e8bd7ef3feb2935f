package gateway

import (
	"bytes"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/platform/telemetry"
)

// headerCache says whether a cacheable answer came from the cache.
const headerCache = "X-Cache"

// cache answers GET requests of the cached routes from memory (X-Cache:
// HIT), or runs the route and keeps a 200 answer for the route's TTL
// (X-Cache: MISS). The key is the full URL, query included; the answers do
// not depend on the caller, so one entry serves everybody. A request that
// another process forwards here is cached only if a module of this process
// declared its route: the front that forwards it does not know the route,
// and it caches the routes that configuration adds itself.
func (g *Gateway) cache(c *fiber.Ctx) error {
	if c.Method() != fiber.MethodGet {
		return c.Next()
	}
	rule, ok := g.responses.rule(c.Path())
	if !ok || (!rule.declared && g.forwarded(c)) {
		return c.Next()
	}
	key := c.OriginalURL()
	hit, gen, ok := g.responses.get(key)
	if ok {
		telemetry.SetRoute(c, rule.pattern)
		c.Set(headerCache, "HIT")
		c.Set(fiber.HeaderContentType, hit.contentType)
		return c.Send(hit.body)
	}
	c.Set(headerCache, "MISS")
	if err := c.Next(); err != nil {
		return err
	}
	if res := c.Response(); res.StatusCode() == fiber.StatusOK && !setsCookie(res) && !isStale(c) {
		g.responses.put(key, gen, &cached{body: bytes.Clone(res.Body()), contentType: string(res.Header.ContentType()), rule: rule})
	}
	return nil
}

// setsCookie reports whether the answer is personal: it is then never kept.
func setsCookie(res *fiber.Response) bool {
	found := false
	res.Header.VisitAllCookie(func(_, _ []byte) { found = true })
	return found
}
