package gateway

import (
	"bytes"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/cors"
	"github.com/gofiber/fiber/v2/middleware/helmet"

	"github.com/jubako/jubako/platform/telemetry"
)

// jsonPolicy is the Content-Security-Policy of JSON answers: nothing in
// them may be loaded, run or framed, should a browser ever render one.
const jsonPolicy = "default-src 'none'; frame-ancestors 'none'"

// exposed are the response headers that scripts of allowed origins may read.
var exposed = []string{telemetry.HeaderRequestID, "traceparent", fiber.HeaderRetryAfter, headerCache, headerLimit, headerRemaining}

// headers returns the middleware that set security headers on every answer,
// errors included — nosniff, no framing, no referrer, cross-origin
// isolation, HSTS on HTTPS when configured, a strict Content-Security-Policy
// on JSON — then answers CORS preflights and marks the answers to allowed
// origins, when origins are configured.
func (g *Gateway) headers() []fiber.Handler {
	out := []fiber.Handler{
		helmet.New(helmet.Config{
			XFrameOptions:  "DENY",
			ReferrerPolicy: "no-referrer",
			HSTSMaxAge:     int(g.cfg.Security.HSTSMaxAge.Seconds()),
		}),
		protectJSON,
	}
	if cfg := g.cfg.CORS; len(cfg.Origins) > 0 {
		out = append(out, cors.New(cors.Config{
			AllowOrigins:     strings.Join(cfg.Origins, ","),
			AllowMethods:     "GET,HEAD,POST,PUT,PATCH,DELETE",
			AllowCredentials: cfg.AllowCredentials,
			ExposeHeaders:    strings.Join(exposed, ","),
			MaxAge:           int(cfg.MaxAge.Seconds()),
		}))
	}
	return out
}

// protectJSON adds the Content-Security-Policy to JSON answers, once the
// handler (or the error handler) has written them.
func protectJSON(c *fiber.Ctx) error {
	err := telemetry.Next(c)
	if bytes.HasPrefix(c.Response().Header.ContentType(), []byte(fiber.MIMEApplicationJSON)) {
		c.Set(fiber.HeaderContentSecurityPolicy, jsonPolicy)
	}
	return err
}
