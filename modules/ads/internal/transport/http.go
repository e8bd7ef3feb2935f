package transport

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/modules/ads"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/gateway"
)

// RegisterHTTP mounts the one route, described in the contract (http.go);
// context is a comma-separated list of context keys, none when empty or
// absent:
//
//	GET /api/ads?context=kitchen,hair  → {"ads": [...]}
func RegisterHTTP(g *gateway.Gateway, b *bus.Bus) {
	g.API("ads").Get("/", func(c *fiber.Ctx) error {
		req := ads.GetRequest{ContextKeys: splitKeys(c.Query("context"))}
		rep, err := ads.Get.Call(c.UserContext(), b, req)
		if err != nil {
			return err
		}
		return c.JSON(rep)
	})
}

// splitKeys splits a comma-separated list; an empty one holds no keys.
func splitKeys(list string) []string {
	if list == "" {
		return nil
	}
	return strings.Split(list, ",")
}
