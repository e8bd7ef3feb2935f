package experiment

import (
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/platform/telemetry"
)

// Cohorts is the edge middleware of experiments; the gateway runs it after
// authentication, so that the visitor is known, and before any HTTP-route
// fault, which reads the cohort it sets. While an experiment runs it puts
// each identified visitor — the token's subject, or a guest's session id —
// in the cohort Assign gives them, in the request's baggage, and counts
// the answer (route, status, latency) for that cohort. Anonymous requests
// without a session get no cohort and are not counted.
//
// A cohort is never taken from outside: the baggage a client sends is
// stripped of it. Only a request trusted says another process of the
// topology forwarded keeps the cohort it carries: that process's edge
// split and counted it already.
func Cohorts(a *Active, rec *Recorder, trusted func(*fiber.Ctx) bool) fiber.Handler {
	var names routes
	return func(c *fiber.Ctx) error {
		if trusted(c) {
			return c.Next()
		}
		c.SetUserContext(Strip(c.UserContext()))
		r := a.current()
		if r == nil || operators(c.Path()) {
			return c.Next()
		}
		visitor := visitorOf(c)
		if visitor == "" {
			return c.Next()
		}
		cohort := Assign(r.ID, visitor, r.Split)
		c.SetUserContext(WithRun(c.UserContext(), r.ID, cohort))
		start := time.Now()
		err := telemetry.Next(c)
		rec.Request(c.UserContext(), r.ID, cohort, names.of(c), c.Response().StatusCode(), time.Since(start))
		return err
	}
}

// visitorOf is the authenticated user, or the guest of a valid session.
func visitorOf(c *fiber.Ctx) string {
	if claims, ok := gateway.Claims(c); ok {
		return claims.Subject
	}
	return gateway.GuestID(c)
}

// pattern is a route's pattern without the trailing slash a group's root
// route has ("/api/buy/" for the route "/" of group "/api/buy").
func pattern(p string) string {
	if len(p) > 1 {
		return strings.TrimSuffix(p, "/")
	}
	return p
}

// operators tells the paths of operators and probes — the console, the
// admin API, metrics and health — whose requests are no visitor's traffic:
// they are neither split nor counted.
func operators(path string) bool {
	for _, p := range []string{telemetry.UntracedPrefix, "/api/admin", "/metrics", "/healthz", "/readyz", "/debug"} {
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}
