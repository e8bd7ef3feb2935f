package console

import (
	"crypto/hmac"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/platform/auth"
)

// Cookies, header and field of the console's sessions.
const (
	sessionCookie = "jubako_console"
	loginCookie   = "jubako_console_login"
	csrfHeader    = "X-CSRF-Token"
	csrfField     = "csrf"
)

// sessionMaxAge bounds how long renewals keep a session going after its
// login.
const sessionMaxAge = 12 * time.Hour

// session is a logged-in admin: the claims of the cookie's token and the
// CSRF token bound to it.
type session struct {
	claims auth.Claims
	token  string
	csrf   string
}

type sessionKey struct{}

func sessionOf(c *fiber.Ctx) (session, bool) {
	s, ok := c.Locals(sessionKey{}).(session)
	return s, ok
}

// requireAdmin lets admins with a valid session through: a visitor without
// one goes to the login page, a customer gets 403, and an action (any
// method but GET and HEAD) without the session's CSRF token gets 403.
func (k *Console) requireAdmin(c *fiber.Ctx) error {
	token := c.Cookies(sessionCookie)
	if token == "" {
		return k.toLogin(c, false)
	}
	claims, err := k.d.Keys.Verify(token)
	if err != nil {
		k.setSession(c, "", time.Unix(0, 0))
		return k.toLogin(c, true)
	}
	if claims.Role != auth.RoleAdmin {
		return k.problem(c, fiber.StatusForbidden, "The console is for admins; "+claims.Email+" is a "+claims.Role+".")
	}
	s := session{claims: claims, token: token, csrf: k.csrfToken(claims)}
	c.Locals(sessionKey{}, s)
	if c.Method() != fiber.MethodGet && c.Method() != fiber.MethodHead && !sameToken(csrfOf(c), s.csrf) {
		return k.problem(c, fiber.StatusForbidden, "This action needs the console's CSRF token: reload the page and try again.")
	}
	if err := k.renew(c, claims); err != nil {
		return k.fail(c, err)
	}
	return c.Next()
}

// renew slides a session in use: once less than half its time is left, the
// cookie gets a token lasting the whole TTL again — until sessionMaxAge
// after the login, when the admin logs in anew. The renewed token keeps its
// login time, so the session's CSRF token stays the same.
func (k *Console) renew(c *fiber.Ctx, claims auth.Claims) error {
	token, expires, err := k.d.Keys.Slide(claims, sessionMaxAge)
	if token != "" {
		k.setSession(c, token, expires)
	}
	return err
}

// csrfToken binds a token to one session: the admin and when they logged
// in. Only processes holding the signing key can make it.
func (k *Console) csrfToken(claims auth.Claims) string {
	var iat int64
	if claims.IssuedAt != nil {
		iat = claims.IssuedAt.Unix()
	}
	mac := k.d.Keys.MAC("console-csrf", claims.Subject+"|"+strconv.FormatInt(iat, 10))
	return base64.RawURLEncoding.EncodeToString(mac)
}

func csrfOf(c *fiber.Ctx) string {
	if h := c.Get(csrfHeader); h != "" {
		return h
	}
	return c.FormValue(csrfField)
}

func sameToken(got, want string) bool {
	return got != "" && hmac.Equal([]byte(got), []byte(want))
}

// toLogin sends a visitor to the login page, to come back to the page they
// asked for (for htmx's polls, the page they are on); htmx follows
// HX-Redirect with a full page load.
func (k *Console) toLogin(c *fiber.Ctx, expired bool) error {
	q := url.Values{}
	if expired {
		q.Set("expired", "1")
	}
	switch {
	case isHTMX(c):
		if u, err := url.Parse(c.Get("HX-Current-URL")); err == nil && u.Path != "" {
			q.Set("next", safeNext(u.RequestURI()))
		}
	case c.Method() == fiber.MethodGet:
		q.Set("next", c.OriginalURL())
	}
	target := Prefix + "/login"
	if len(q) > 0 {
		target += "?" + q.Encode()
	}
	if isHTMX(c) {
		c.Set("HX-Redirect", target)
		return c.SendStatus(fiber.StatusUnauthorized)
	}
	return c.Redirect(target, fiber.StatusSeeOther)
}

// setSession sets (or, with an empty token, clears) the session cookie:
// HttpOnly, SameSite=Strict, limited to the console, Secure over HTTPS.
func (k *Console) setSession(c *fiber.Ctx, token string, expires time.Time) {
	c.Cookie(&fiber.Cookie{
		Name: sessionCookie, Value: token, Path: Prefix, Expires: expires,
		HTTPOnly: true, SameSite: fiber.CookieSameSiteStrictMode, Secure: c.Secure(),
	})
}

// loginNonce returns the login form's nonce, kept in a cookie of its own
// so that the form's CSRF token can be checked before any session exists.
func (k *Console) loginNonce(c *fiber.Ctx) string {
	if n := c.Cookies(loginCookie); len(n) == 32 {
		return n
	}
	b := make([]byte, 16)
	_, _ = rand.Read(b) // never fails
	n := hex.EncodeToString(b)
	c.Cookie(&fiber.Cookie{
		Name: loginCookie, Value: n, Path: Prefix + "/login", MaxAge: int(time.Hour.Seconds()),
		HTTPOnly: true, SameSite: fiber.CookieSameSiteStrictMode, Secure: c.Secure(),
	})
	return n
}

func (k *Console) loginToken(nonce string) string {
	return base64.RawURLEncoding.EncodeToString(k.d.Keys.MAC("console-login", nonce))
}

// safeNext keeps a post-login redirect inside the console.
func safeNext(next string) string {
	if !strings.HasPrefix(next, Prefix) || strings.ContainsAny(next, "\\\r\n") || strings.Contains(next, "//") ||
		strings.HasPrefix(next, Prefix+"/login") || strings.HasPrefix(next, Prefix+"/live/") {
		return Prefix
	}
	return next
}
