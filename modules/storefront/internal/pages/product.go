package pages

import (
	"errors"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/modules/storefront/internal/app"
	"github.com/jubako/jubako/shared"
)

// quantities are what the product page offers to add, as Online Boutique's
// does; the cart's own limits apply to what is sent.
var quantities = []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}

// productData is the product page: the product, and what is wrong with
// the quantity sent to the cart, if anything.
type productData struct {
	View       app.ProductView
	Error      string
	Quantities []int
}

// product is GET /product/{id}.
func (p *Pages) product(c *fiber.Ctx, v visitor) error {
	return p.showProduct(c, v, c.Params("id"), fiber.StatusOK, "")
}

func (p *Pages) showProduct(c *fiber.Ctx, v visitor, id string, status int, problem string) error {
	pv, err := p.app.ProductView(c.UserContext(), id, v.ID, v.Choice)
	if err != nil {
		return err
	}
	return p.show(c, v, status, view{Title: pv.Page.Product.Name, Page: "product", Shell: pv.Shell, Degraded: pv.Degraded,
		Data: productData{View: pv, Error: problem, Quantities: quantities}})
}

// addToCart is POST /cart (product_id, quantity): 303 to the cart, or the
// product page again with the quantity marked.
func (p *Pages) addToCart(c *fiber.Ctx, v visitor) error {
	id := strings.TrimSpace(c.FormValue("product_id"))
	q, err := strconv.ParseInt(strings.TrimSpace(c.FormValue("quantity")), 10, 32)
	if err != nil {
		return p.showProduct(c, v, id, fiber.StatusBadRequest, "Quantity must be a whole number from 1 to 10.")
	}
	err = p.app.AddToCart(c.UserContext(), v.ID, id, int32(q))
	if e := shared.AsError(err); errors.Is(err, shared.ErrInvalid) && e.Field == "quantity" {
		return p.showProduct(c, v, id, fiber.StatusBadRequest, "Quantity "+e.Message+".")
	}
	if err != nil {
		return err
	}
	return c.Redirect("/cart", fiber.StatusSeeOther)
}
