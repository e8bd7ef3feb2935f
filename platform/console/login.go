package console

import (
	"errors"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/platform/auth"
	"github.com/jubako/jubako/shared"
)

// noIdentity is what the login page says when nobody can check passwords:
// no module here provides the auth.Authenticator.
const noIdentity = "login unavailable: no module in this process checks passwords"

// loginForm is the login page's content.
type loginForm struct {
	Token   string
	Next    string
	Email   string
	Message string
	// Unavailable is set when no Authenticator runs in this process.
	Unavailable bool
}

func (k *Console) loginPage(c *fiber.Ctx) error {
	f := loginForm{Token: k.loginToken(k.loginNonce(c)), Next: safeNext(c.Query("next")), Unavailable: k.d.Authenticator == nil}
	switch {
	case f.Unavailable:
		f.Message = noIdentity
	case c.Query("expired") != "":
		f.Message = "Your session has ended: log in again."
	}
	return k.render(c, fiber.StatusOK, "login", "Log in", f)
}

// login checks the credentials with the Authenticator and, for an admin,
// starts a session: a token in the session cookie, as long-lived as the
// token itself.
func (k *Console) login(c *fiber.Ctx) error {
	nonce := c.Cookies(loginCookie)
	f := loginForm{Token: k.loginToken(k.loginNonce(c)), Next: safeNext(c.FormValue("next")), Email: cut(200, c.FormValue("email"))}
	if nonce == "" || !sameToken(c.FormValue(csrfField), k.loginToken(nonce)) {
		return k.problem(c, fiber.StatusForbidden, "The login form has expired or did not come from this console: reload it and try again.")
	}
	if k.d.Authenticator == nil {
		f.Message, f.Unavailable = noIdentity, true
		return k.render(c, fiber.StatusServiceUnavailable, "login", "Log in", f)
	}
	user, err := k.d.Authenticator.Authenticate(c.UserContext(), f.Email, c.FormValue("password"))
	if err != nil {
		f.Message = describe(err)
		if errors.Is(err, shared.ErrUnauthorized) {
			f.Message = "Wrong email or password."
		}
		k.d.Log.WarnContext(c.UserContext(), "console login refused", "email", f.Email, "error", err)
		return k.render(c, statusOf(err), "login", "Log in", f)
	}
	if user.Role != auth.RoleAdmin {
		k.d.Log.WarnContext(c.UserContext(), "console login by a non-admin", "email", user.Email, "role", user.Role)
		return k.problem(c, fiber.StatusForbidden, "The console is for admins; "+user.Email+" is a "+user.Role+".")
	}
	token, expires, err := k.d.Keys.Issue(user.ID, user.Email, user.Role)
	if err != nil {
		return k.fail(c, err)
	}
	k.setSession(c, token, expires)
	k.d.Log.InfoContext(c.UserContext(), "console login", "email", user.Email)
	return c.Redirect(f.Next, fiber.StatusSeeOther)
}

// logout ends the session.
func (k *Console) logout(c *fiber.Ctx) error {
	k.setSession(c, "", time.Unix(0, 0))
	return c.Redirect(Prefix+"/login", fiber.StatusSeeOther)
}
