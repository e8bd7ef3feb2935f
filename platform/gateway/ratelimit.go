package gateway

import (
	"context"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/shared"
)

// Headers of the rate limiter's answers.
const (
	headerLimit     = "X-RateLimit-Limit"
	headerRemaining = "X-RateLimit-Remaining"
)

// limiterTimeout bounds the Redis round trip of one request's check.
const limiterTimeout = 500 * time.Millisecond

// ErrRateLimited is the answer past a budget: 429 with Retry-After.
var ErrRateLimited = shared.NewReason(shared.CodeUnavailable, "rate_limited", "too many requests")

// rateLimit admits a request within its class's budget, or answers 429.
// When Redis fails the request is let through: the limiter protects the
// shop, it must not take it down.
func (g *Gateway) rateLimit(c *fiber.Ctx) error {
	if unlimited(c.Path()) || g.forwarded(c) {
		return c.Next()
	}
	class, l := g.classify(c)
	ctx, cancel := context.WithTimeout(c.UserContext(), limiterTimeout)
	v, err := g.limiter.admit(ctx, class, g.caller(c), l)
	cancel()
	if err != nil {
		g.warnLimiter(err)
		return c.Next()
	}
	c.Set(headerLimit, strconv.Itoa(l.Requests))
	c.Set(headerRemaining, strconv.Itoa(v.remaining))
	if !v.admitted {
		seconds := max(1, int(math.Ceil(v.retryAfter.Seconds())))
		return &statusError{
			err:    ErrRateLimited.With("too many %s requests: at most %d per %s, try again in %d s", class, l.Requests, l.Window, seconds),
			status: fiber.StatusTooManyRequests,
			header: map[string]string{fiber.HeaderRetryAfter: strconv.Itoa(seconds)},
		}
	}
	return c.Next()
}

// unlimited are the probes, the metrics and the internal calls between
// processes.
func unlimited(path string) bool {
	switch path {
	case "/healthz", "/readyz", "/metrics":
		return true
	}
	return strings.HasPrefix(path, "/internal/")
}

// classify puts a request in the auth, write or read class.
func (g *Gateway) classify(c *fiber.Ctx) (string, Limit) {
	cfg := g.cfg.RateLimit
	switch c.Method() {
	case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions:
		return "read", cfg.Read
	}
	for _, p := range cfg.AuthPaths {
		if strings.HasPrefix(c.Path(), p) {
			return "auth", cfg.Auth
		}
	}
	return "write", cfg.Write
}

// caller names whom a budget belongs to: the user of a valid token, else
// the client's address.
func (g *Gateway) caller(c *fiber.Ctx) string {
	if claims, err := g.bearer(c); err == nil && claims != nil {
		return "user:" + claims.Subject
	}
	return "ip:" + c.IP()
}

// limiterWarnEvery spaces out the warnings of a failing limiter.
const limiterWarnEvery = 10 * time.Second

func (g *Gateway) warnLimiter(err error) {
	now := time.Now().UnixNano()
	last := g.limiterWarned.Load()
	if now-last >= int64(limiterWarnEvery) && g.limiterWarned.CompareAndSwap(last, now) {
		g.log.Warn("rate limiter unavailable: requests pass unchecked", "error", err)
	}
}
