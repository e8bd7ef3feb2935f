package pages

import (
	"github.com/gofiber/fiber/v2"
)

// home is GET /: every product, priced in the visitor's currency, and an ad.
func (p *Pages) home(c *fiber.Ctx, v visitor) error {
	h, err := p.app.HomeView(c.UserContext(), v.ID, v.Choice)
	if err != nil {
		return err
	}
	return p.show(c, v, fiber.StatusOK, view{Title: "Hot products", Page: "home", Shell: h.Shell, Degraded: h.Degraded, Data: h})
}
