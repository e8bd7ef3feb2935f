package pages

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/modules/storefront"
	"github.com/jubako/jubako/modules/storefront/internal/app"
	"github.com/jubako/jubako/platform/auth"
	"github.com/jubako/jubako/platform/gateway"
)

// accountCookie holds a signed-in visitor's token (the JWT identity
// issues): HttpOnly, SameSite=Lax, for the whole shop.
const accountCookie = "jubako_account"

// sessionMaxAge bounds how long renewals keep a sign-in going.
const sessionMaxAge = 12 * time.Hour

// visitor is who asks for a page: a signed-in customer, or a guest whose
// jubako_session cookie keeps their cart.
type visitor struct {
	// ID is the account's id, or the guest id.
	ID string
	// Email is the account's; empty for a guest.
	Email string
	// Choice is the currency the visitor chose (the jubako_currency cookie).
	Choice app.Choice
}

// visitorOf identifies the request's visitor: a bearer token's user (as
// the API does), else the account cookie's — renewed while in use, cleared
// once invalid — else a guest, whose session starts here if need be.
func (p *Pages) visitorOf(c *fiber.Ctx) visitor {
	v := visitor{Choice: app.Choice{Preferred: c.Cookies(storefront.CurrencyCookie)}}
	if claims, ok := gateway.Claims(c); ok {
		v.ID, v.Email = claims.Subject, claims.Email
		return v
	}
	if token := c.Cookies(accountCookie); token != "" {
		claims, err := p.keys.Verify(token)
		if err == nil {
			v.ID, v.Email = claims.Subject, claims.Email
			p.slide(c, claims)
			return v
		}
		setCookie(c, accountCookie, "", -1)
	}
	v.ID = gateway.UserID(c)
	return v
}

// slide renews the account cookie of a session in use (auth.Keys.Slide).
func (p *Pages) slide(c *fiber.Ctx, claims auth.Claims) {
	token, expires, err := p.keys.Slide(claims, sessionMaxAge)
	if err != nil {
		p.log.WarnContext(c.UserContext(), "renew a shop session", "error", err)
	}
	if token != "" {
		setCookie(c, accountCookie, token, int(time.Until(expires).Seconds()))
	}
}

// setCookie sets a cookie of the shop's (HttpOnly, SameSite=Lax, Secure
// over HTTPS); maxAge -1 deletes it.
func setCookie(c *fiber.Ctx, name, value string, maxAge int) {
	ck := &fiber.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge, HTTPOnly: true,
		SameSite: fiber.CookieSameSiteLaxMode, Secure: c.Secure()}
	if maxAge < 0 {
		ck.Expires = time.Unix(0, 0)
	}
	c.Cookie(ck)
}
