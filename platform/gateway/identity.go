package gateway

import (
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"

	"github.com/jubako/jubako/platform/auth"
	"github.com/jubako/jubako/shared"
)

// SessionCookie carries an anonymous visitor's guest identity.
const SessionCookie = "jubako_session"

const guestPrefix = "guest-"

const sessionMaxAge = 30 * 24 * time.Hour

type userKey struct{}

type claimsKey struct{}

type bearerKey struct{}

// bearerResult is a request's verified token: nil claims for none.
type bearerResult struct {
	claims *auth.Claims
	err    error
}

// authenticate reads a bearer token: a valid one identifies the user (and
// role) for the rest of the chain, an invalid one — expired, tampered,
// signed otherwise or with "alg: none" — is 401. No token: a guest.
// /internal, /metrics and /debug/pprof may carry the service token instead
// and check it themselves.
func (g *Gateway) authenticate(c *fiber.Ctx) error {
	claims, err := g.bearer(c)
	if err != nil {
		return err
	}
	if claims != nil {
		c.Locals(claimsKey{}, *claims)
		c.Locals(userKey{}, claims.Subject)
	}
	return c.Next()
}

// bearer verifies the request's bearer token, once per request: the rate
// limiter, ahead of authenticate in the chain, needs the user too.
func (g *Gateway) bearer(c *fiber.Ctx) (*auth.Claims, error) {
	if r, ok := c.Locals(bearerKey{}).(bearerResult); ok {
		return r.claims, r.err
	}
	r := g.verify(c)
	c.Locals(bearerKey{}, r)
	return r.claims, r.err
}

func (g *Gateway) verify(c *fiber.Ctx) bearerResult {
	header := c.Get(fiber.HeaderAuthorization)
	if header == "" || strings.HasPrefix(c.Path(), "/internal/") || c.Path() == "/metrics" || strings.HasPrefix(c.Path(), "/debug/pprof") {
		return bearerResult{}
	}
	token, ok := strings.CutPrefix(header, "Bearer ")
	if !ok {
		return bearerResult{err: shared.Errorf(shared.CodeUnauthorized, "the Authorization header must be \"Bearer <token>\"")}
	}
	claims, err := g.keys.Verify(token)
	if err != nil {
		return bearerResult{err: err}
	}
	return bearerResult{claims: &claims}
}

// Claims returns the authenticated user's claims; false for guests.
func Claims(c *fiber.Ctx) (auth.Claims, bool) {
	claims, ok := c.Locals(claimsKey{}).(auth.Claims)
	return claims, ok
}

// RequireUser lets only authenticated users through (401 otherwise).
func RequireUser() fiber.Handler {
	return func(c *fiber.Ctx) error {
		if _, ok := Claims(c); !ok {
			return shared.Errorf(shared.CodeUnauthorized, "log in first: this route needs a bearer token")
		}
		return c.Next()
	}
}

// RequireAdmin lets only admins through: 401 without a token, 403 for
// customers.
func (g *Gateway) RequireAdmin() fiber.Handler {
	return func(c *fiber.Ctx) error {
		claims, ok := Claims(c)
		switch {
		case !ok:
			return shared.Errorf(shared.CodeUnauthorized, "log in as an admin: this route needs an admin's bearer token")
		case claims.Role != auth.RoleAdmin:
			return shared.Errorf(shared.CodeForbidden, "this route is for admins")
		}
		return c.Next()
	}
}

// UserID returns the caller's identity: the authenticated user, or else a
// guest — a random, unguessable id set in the jubako_session cookie, so
// their cart follows them between requests.
func UserID(c *fiber.Ctx) string {
	if id, ok := c.Locals(userKey{}).(string); ok {
		return id
	}
	id := c.Cookies(SessionCookie)
	if !isGuestID(id) {
		id = guestPrefix + uuid.NewString()
		c.Cookie(&fiber.Cookie{
			Name: SessionCookie, Value: id, Path: "/", HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode,
			MaxAge: int(sessionMaxAge.Seconds()),
		})
	}
	c.Locals(userKey{}, id)
	return id
}

// GuestID returns the caller's guest id when they come with a valid guest
// session and no token, "" otherwise; unlike UserID it never starts a
// session.
func GuestID(c *fiber.Ctx) string {
	if _, authenticated := Claims(c); authenticated {
		return ""
	}
	if id := c.Cookies(SessionCookie); isGuestID(id) {
		return id
	}
	return ""
}

func isGuestID(id string) bool {
	rest, ok := strings.CutPrefix(id, guestPrefix)
	if !ok {
		return false
	}
	_, err := uuid.Parse(rest)
	return err == nil
}
