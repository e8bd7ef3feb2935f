package pages

import (
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/modules/storefront"
	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/shared"
)

// accountFields are the sign-in and registration forms' fields.
var accountFields = []string{"email", "Email", "password", "Password"}

// accountData is the sign-in or registration page.
type accountData struct {
	Form    *form
	Next    string
	Message string
}

// Problems lists the form's marked fields.
func (d accountData) Problems() []problem { return d.Form.Problems() }

func (p *Pages) loginPage(c *fiber.Ctx, v visitor) error {
	return p.showAccount(c, v, fiber.StatusOK, "login", accountData{Form: newForm(nil, accountFields...), Next: safeNext(c.Query("next"))})
}

func (p *Pages) registerPage(c *fiber.Ctx, v visitor) error {
	return p.showAccount(c, v, fiber.StatusOK, "register", accountData{Form: newForm(nil, accountFields...), Next: safeNext(c.Query("next"))})
}

func (p *Pages) showAccount(c *fiber.Ctx, v visitor, status int, page string, d accountData) error {
	title := map[string]string{"login": "Sign in", "register": "Create an account"}[page]
	return p.show(c, v, status, view{Title: title, Page: page, Data: d})
}

// login is POST /login (email, password): signed in, the guest's cart
// moved into the account, and back to the page they came for (303).
func (p *Pages) login(c *fiber.Ctx, v visitor) error {
	d := accountData{Form: posted(c, accountFields...), Next: safeNext(c.FormValue("next"))}
	err := p.signIn(c, d.Form.value("email"), c.FormValue("password"))
	if errors.Is(err, shared.ErrUnauthorized) || errors.Is(err, shared.ErrInvalid) {
		d.Message = "Wrong email or password."
		return p.showAccount(c, v, fiber.StatusUnauthorized, "login", d)
	}
	if err != nil {
		return err
	}
	return c.Redirect(d.Next, fiber.StatusSeeOther)
}

// register is POST /register (email, password): the account is created
// and signed in.
func (p *Pages) register(c *fiber.Ctx, v visitor) error {
	d := accountData{Form: posted(c, accountFields...), Next: safeNext(c.FormValue("next"))}
	email, password := d.Form.value("email"), c.FormValue("password")
	err := p.app.Register(c.UserContext(), email, password)
	if e := shared.AsError(err); err != nil && (e.Field == "email" || e.Field == "password") {
		d.Form.fail(e.Field, d.Form.labels[e.Field]+": "+e.Message)
		return p.showAccount(c, v, e.Code.HTTPStatus(), "register", d)
	}
	if err == nil {
		err = p.signIn(c, email, password)
	}
	if err != nil {
		return err
	}
	return c.Redirect(d.Next, fiber.StatusSeeOther)
}

// signIn logs in and keeps the token in the account cookie.
func (p *Pages) signIn(c *fiber.Ctx, email, password string) error {
	token, err := p.app.LogIn(c.UserContext(), email, password, gateway.GuestID(c))
	if err != nil {
		return err
	}
	setCookie(c, accountCookie, token, int(p.keys.TTL().Seconds()))
	return nil
}

// logout is GET /logout: as Online Boutique's, it forgets the visitor —
// account, guest cart and currency — and goes home.
func (p *Pages) logout(c *fiber.Ctx, _ visitor) error {
	for _, name := range []string{accountCookie, gateway.SessionCookie, storefront.CurrencyCookie} {
		setCookie(c, name, "", -1)
	}
	return c.Redirect("/", fiber.StatusSeeOther)
}

// safeNext keeps a redirect after signing in inside the shop.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n") ||
		under(next, "/login") || under(next, "/register") || under(next, "/logout") {
		return "/"
	}
	return next
}
