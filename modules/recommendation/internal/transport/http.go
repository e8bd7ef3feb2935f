package transport

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/modules/recommendation"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/gateway"
)

// RegisterHTTP mounts the one route, described in the contract (http.go);
// product_ids is a comma-separated list of ids to leave out, none when
// empty or absent:
//
//	GET /api/recommendations?product_ids=a,b  → {"product_ids": [...]}
func RegisterHTTP(g *gateway.Gateway, b *bus.Bus) {
	r := g.Route("recommendation", "/api/recommendations")
	r.Get("/", func(c *fiber.Ctx) error {
		req := recommendation.ListRequest{ProductIDs: splitIDs(c.Query("product_ids"))}
		rep, err := recommendation.List.Call(c.UserContext(), b, req)
		if err != nil {
			return err
		}
		return c.JSON(rep)
	})
}

// splitIDs splits a comma-separated list; an empty one holds no ids.
func splitIDs(list string) []string {
	if list == "" {
		return nil
	}
	return strings.Split(list, ",")
}
