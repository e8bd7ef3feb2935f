package gateway

import (
	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/platform/bus"
)

// stale tracks the stale answers the calls of a request receive (the
// last good replies of failing endpoints) and names them on the answer in
// bus.HeaderStale, after those a forwarding process already named there:
//
//	X-Jubako-Stale: catalog.GetProduct;age=12s
func (g *Gateway) stale(c *fiber.Ctx) error {
	ctx := bus.TrackStale(c.UserContext())
	c.SetUserContext(ctx)
	err := c.Next()
	if list := bus.StaleOf(ctx); list != nil {
		v := bus.FormatStale(list)
		if prev := c.GetRespHeader(bus.HeaderStale); prev != "" {
			v = prev + ", " + v
		}
		c.Set(bus.HeaderStale, v)
	}
	return err
}

// isStale reports whether the answer was built from stale replies, here or
// in the process it was forwarded to: the cache never keeps it.
func isStale(c *fiber.Ctx) bool {
	return bus.StaleOf(c.UserContext()) != nil || len(c.Response().Header.Peek(bus.HeaderStale)) > 0
}
