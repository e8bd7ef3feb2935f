package console

import "github.com/gofiber/fiber/v2"

// flash is the outcome of an action, shown above the live part, which the
// response's HX-Trigger refreshes.
type flash struct {
	Error   bool
	Message string
}

// acted answers an action: its outcome as a flash, and a "refresh" event
// for the page's live part.
func (k *Console) acted(c *fiber.Ctx, err error, done string) error {
	c.Set("HX-Trigger", "refresh")
	if err != nil {
		return k.fragment(c, statusOf(err), "flash", flash{Error: true, Message: describe(err)})
	}
	return k.fragment(c, fiber.StatusOK, "flash", flash{Message: done})
}

// audit logs an operator's action with who did it.
func (k *Console) audit(c *fiber.Ctx, action string, err error, args ...any) {
	s, _ := sessionOf(c)
	args = append(args, "admin", s.claims.Email)
	if err != nil {
		k.d.Log.WarnContext(c.UserContext(), "console: "+action+" failed", append(args, "error", err)...)
		return
	}
	k.d.Log.InfoContext(c.UserContext(), "console: "+action, args...)
}
