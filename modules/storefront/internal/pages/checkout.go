package pages

import (
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/storefront/internal/app"
	"github.com/jubako/jubako/shared"
)

// checkoutFields are the cart page's form fields — Online Boutique's
// names — with their labels, in page order.
var checkoutFields = []string{
	"email", "Email", "street_address", "Street address", "zip_code", "Zip code", "city", "City",
	"state", "State", "country", "Country", "credit_card_number", "Card number",
	"credit_card_expiration_month", "Month", "credit_card_expiration_year", "Year", "credit_card_cvv", "CVV",
}

// fieldOfOrder maps the fields orders names in its errors to the form's.
var fieldOfOrder = map[string]string{
	"email": "email", "address.street_address": "street_address", "address.zip_code": "zip_code",
	"address.city": "city", "address.state": "state", "address.country": "country",
	"credit_card.number": "credit_card_number", "credit_card.expiration_month": "credit_card_expiration_month",
	"credit_card.expiration_year": "credit_card_expiration_year", "credit_card.cvv": "credit_card_cvv",
}

// demoCheckout is the form as the cart page first shows it: Online
// Boutique's demo address and VISA card, expiring next year.
func demoCheckout(now time.Time) *form {
	return newForm(map[string]string{
		"email": "someone@example.com", "street_address": "1600 Amphitheatre Parkway", "zip_code": "94043",
		"city": "Mountain View", "state": "CA", "country": "United States", "credit_card_number": "4432-8015-6152-0454",
		"credit_card_expiration_month": "1", "credit_card_expiration_year": strconv.Itoa(now.Year() + 1), "credit_card_cvv": "672",
	}, checkoutFields...)
}

// checkout is POST /cart/checkout: the order is placed and the visitor
// sent to its page (303), or the cart page comes back with the fields at
// fault marked (400). The form's checkout_key places one order however
// often it is sent; a form without one (a script's) gets a fresh key.
func (p *Pages) checkout(c *fiber.Ctx, v visitor) error {
	f := posted(c, checkoutFields...)
	key := c.FormValue("checkout_key")
	order := checkoutOf(f)
	if !f.ok() {
		return p.showCart(c, v, fiber.StatusBadRequest, f, key, "")
	}
	if key == "" {
		key = shared.NewID()
	}
	id, err := p.app.PlaceOrder(c.UserContext(), v.ID, key, v.Choice, order)
	e := shared.AsError(err)
	switch {
	case err == nil:
		return c.Redirect("/orders/"+id, fiber.StatusSeeOther)
	case e.Code != shared.CodeInvalid:
		return err
	case fieldOfOrder[e.Field] != "":
		name := fieldOfOrder[e.Field]
		f.fail(name, f.labels[name]+" "+e.Message)
		return p.showCart(c, v, fiber.StatusBadRequest, f, key, "")
	}
	return p.showCart(c, v, fiber.StatusBadRequest, f, "", cartProblem(e))
}

// cartProblem says what is wrong with the cart, or the checkout as a whole.
func cartProblem(e *shared.Error) string {
	if e.Field == "cart" {
		return "Your cart is empty: add something before checking out."
	}
	return "We could not place the order (" + e.Message + "). Please try again."
}

// required are the fields an order needs, marked at once when empty (the
// orders module checks the rest, and names one field at a time).
var required = []string{"email", "street_address", "zip_code", "city", "country", "credit_card_number"}

// checkoutOf reads the form into an order's details, marking the empty
// required fields and the numbers that are none.
func checkoutOf(f *form) app.Checkout {
	for _, name := range required {
		if f.value(name) == "" {
			f.fail(name, f.labels[name]+" is required")
		}
	}
	number := func(name, says string) int32 {
		n, err := strconv.ParseInt(f.value(name), 10, 32)
		if err != nil {
			f.fail(name, f.labels[name]+" "+says)
		}
		return int32(n)
	}
	return app.Checkout{
		Email: f.value("email"),
		Address: orders.Address{StreetAddress: f.value("street_address"), ZipCode: f.value("zip_code"),
			City: f.value("city"), State: f.value("state"), Country: f.value("country")},
		CreditCard: orders.CreditCard{
			Number:          f.value("credit_card_number"),
			ExpirationMonth: number("credit_card_expiration_month", "must be a month, 1 to 12"),
			ExpirationYear:  number("credit_card_expiration_year", "must be a year like 2030"),
			CVV:             number("credit_card_cvv", "must be the 3 or 4 digits on the back of the card"),
		},
	}
}
