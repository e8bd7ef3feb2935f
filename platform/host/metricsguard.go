package host

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/platform/auth"
	"github.com/jubako/jubako/platform/remote"
	"github.com/jubako/jubako/shared"
)

// metricsGuard lets a scraper read /metrics (and /debug/pprof) with the service token (a
// credential that does not expire, for Prometheus' authorization setting)
// and an admin with their token; nobody else.
func metricsGuard(keys *auth.Keys, svc remote.Config) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if remote.BearsToken(c, svc.Token) {
			return c.Next()
		}
		token, ok := strings.CutPrefix(c.Get(fiber.HeaderAuthorization), "Bearer ")
		if !ok || token == "" {
			return shared.Errorf(shared.CodeUnauthorized, "/metrics needs the service token or an admin's bearer token")
		}
		claims, err := keys.Verify(token)
		if err != nil {
			return err
		}
		if claims.Role != auth.RoleAdmin {
			return shared.Errorf(shared.CodeForbidden, "/metrics is for admins and scrapers")
		}
		return c.Next()
	}
}
