package gateway

import (
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"
)

// SessionCookie carries an anonymous visitor's guest identity.
const SessionCookie = "jubako_session"

const guestPrefix = "guest-"

const sessionMaxAge = 30 * 24 * time.Hour

type userKey struct{}

// UserID returns the caller's identity. A visitor without one becomes a
// guest: a random, unguessable id set in the jubako_session cookie, so
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

func isGuestID(id string) bool {
	rest, ok := strings.CutPrefix(id, guestPrefix)
	if !ok {
		return false
	}
	_, err := uuid.Parse(rest)
	return err == nil
}
