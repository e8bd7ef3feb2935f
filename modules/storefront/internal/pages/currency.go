package pages

import (
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/modules/storefront"
)

// currencyMaxAge keeps a visitor's currency for a year.
const currencyMaxAge = 365 * 24 * 60 * 60

// setCurrency is POST /setCurrency (currency_code): the choice goes into
// the jubako_currency cookie, and the visitor back to the page they were
// on (303).
func (p *Pages) setCurrency(c *fiber.Ctx, _ visitor) error {
	code, err := p.app.Currency(c.UserContext(), c.FormValue("currency_code"))
	if err != nil {
		return err
	}
	setCookie(c, storefront.CurrencyCookie, code, currencyMaxAge)
	return c.Redirect(back(c), fiber.StatusSeeOther)
}

// back is the shop page the request came from (its Referer, when it is
// this shop's), "/" otherwise; a form's address (/cart/checkout) goes to
// its page.
func back(c *fiber.Ctx) string {
	u, err := url.Parse(c.Get(fiber.HeaderReferer))
	switch {
	case err != nil || u.Host != string(c.Request().Host()) || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//"):
		return "/"
	case under(u.Path, "/cart"):
		return "/cart"
	case u.Path == "/setCurrency":
		return "/"
	}
	return u.RequestURI()
}

// under tells whether path is prefix or below it.
func under(path, prefix string) bool {
	return path == prefix || strings.HasPrefix(path, prefix+"/")
}
