package pages

import (
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"

	"github.com/jubako/jubako/modules/storefront/internal/app"
)

// cartData is the cart page: the cart, the checkout form (its values and
// marks) with its idempotency key, and what is wrong with the cart itself.
type cartData struct {
	View      app.CartView
	Form      *form
	Key       string
	Months    []option
	Years     []option
	CartError string
}

// cart is GET /cart: the lines, shipping, total and the checkout form,
// filled in with Online Boutique's demo address and card.
func (p *Pages) cart(c *fiber.Ctx, v visitor) error {
	return p.showCart(c, v, fiber.StatusOK, demoCheckout(time.Now()), "", "")
}

// showCart writes the cart page with f; key is the checkout's idempotency
// key ("" for a new one).
func (p *Pages) showCart(c *fiber.Ctx, v visitor, status int, f *form, key, cartError string) error {
	cv, err := p.app.CartView(c.UserContext(), v.ID, v.Choice)
	if err != nil {
		return err
	}
	if key == "" {
		key = uuid.NewString()
	}
	data := cartData{View: cv, Form: f, Key: key, Months: months(), Years: years(time.Now()), CartError: cartError}
	return p.show(c, v, status, view{Title: "Your cart", Page: "cart", Shell: cv.Shell, Degraded: cv.Degraded, Data: data})
}

// emptyCart is POST /cart/empty.
func (p *Pages) emptyCart(c *fiber.Ctx, v visitor) error {
	if err := p.app.EmptyCart(c.UserContext(), v.ID); err != nil {
		return err
	}
	return c.Redirect("/cart", fiber.StatusSeeOther)
}

// months are the card's expiration months.
func months() []option {
	out := make([]option, 12)
	for m := range 12 {
		out[m] = option{Value: strconv.Itoa(m + 1), Text: time.Month(m + 1).String()}
	}
	return out
}

// years are the card's expiration years: this one and the next ten.
func years(now time.Time) []option {
	out := make([]option, 11)
	for i := range out {
		y := strconv.Itoa(now.Year() + i)
		out[i] = option{Value: y, Text: y}
	}
	return out
}

// Problems lists the checkout form's marked fields.
func (d cartData) Problems() []problem { return d.Form.Problems() }
