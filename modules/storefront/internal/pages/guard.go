package pages

import (
	"net/http"

	"github.com/gofiber/fiber/v2"
)

// policy is the pages' Content-Security-Policy: the shop's own scripts,
// styles and pictures only, forms posted to the shop only, no framing.
const policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// secure sets the pages' headers: their CSP, referrers sent to the shop
// itself only (so that a currency change returns to the page it was made
// on), and no caching of pages that show a visitor's cart.
func secure(c *fiber.Ctx) {
	c.Set(fiber.HeaderContentSecurityPolicy, policy)
	c.Set(fiber.HeaderReferrerPolicy, "same-origin")
	c.Set(fiber.HeaderCacheControl, "no-store")
}

// crossOrigin refuses forms sent to the shop from other sites: a browser
// says where a request comes from (Sec-Fetch-Site, or Origin in older
// ones), and one from another origin is refused. A client that says
// nothing — a script, OB's load generator — is not a browser a site could
// steer, and posts forms as it likes with the cookies it was given.
var crossOrigin = http.NewCrossOriginProtection()

// sameOrigin tells whether a request may change something: a safe method,
// or a form from the shop's own pages or from a client that is no
// browser.
func sameOrigin(c *fiber.Ctx) bool {
	req := &http.Request{Method: c.Method(), Host: string(c.Request().Host()), Header: http.Header{}}
	for _, h := range []string{"Sec-Fetch-Site", fiber.HeaderOrigin} {
		if v := c.Get(h); v != "" {
			req.Header.Set(h, v)
		}
	}
	return crossOrigin.Check(req) == nil
}
