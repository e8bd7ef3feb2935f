package local_test

import (
	"testing"

	"github.com/jubako/jubako/modules/ads"
	"github.com/jubako/jubako/modules/cart"
	"github.com/jubako/jubako/modules/catalog"
	"github.com/jubako/jubako/modules/currency"
	"github.com/jubako/jubako/modules/identity"
	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/recommendation"
	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/platform/contract"
	"github.com/jubako/jubako/shared"
)

// What the storefront's pages read of the modules they compose, declared
// for those modules to verify. Values match the states the providers set
// up: Online Boutique's catalog and ads, carts of the visitors named here.
const (
	pactProduct = "OLJCESPC7Z"
	pactVisitor = "contract-visitor"
	pactShopper = "contract-shopper"
)

// money is what the pages read of shared.Money to show a price.
var money = contract.Object(contract.Fields{
	"currency_code": contract.String(), "units": contract.Integer(), "nanos": contract.Integer(),
})

func TestContracts(t *testing.T) {
	contract.Check(t, catalogPact(), currencyPact(), cartPact(), recommendationPact(), adsPact(), shippingPact(), ordersPact(), identityPact())
}

func catalogPact() *contract.Pact {
	p := contract.Between("storefront", "catalog")
	product := contract.Object(contract.Fields{
		"id": contract.String(), "name": contract.String(), "description": contract.String(), "picture": contract.String(),
		"price_usd": money, "categories": contract.Array(contract.String()),
	})
	contract.Expect(p, "shows a product", catalog.GetProduct, catalog.GetProductRequest{ID: pactProduct}).
		Given("product OLJCESPC7Z is sold").
		Reads(product)
	contract.Expect(p, "leaves out a product no longer sold", catalog.GetProduct, catalog.GetProductRequest{ID: "RETIRED"}).
		Given("product RETIRED is not sold").
		Fails(catalog.ErrProductNotFound)
	contract.Expect(p, "lists the catalog on the home page", catalog.ListProducts, catalog.ListProductsRequest{}).
		Given("product OLJCESPC7Z is sold").
		Reads(contract.Object(contract.Fields{"products": contract.Array(product)}))
	return p
}

func currencyPact() *contract.Pact {
	p := contract.Between("storefront", "currency")
	contract.Expect(p, "offers the supported currencies", currency.SupportedCurrencies, currency.SupportedRequest{}).
		Given("EUR is supported").
		Reads(contract.Object(contract.Fields{"currency_codes": contract.Array(contract.String())}))
	contract.Expect(p, "shows a price in the visitor's currency", currency.Convert, currency.ConvertRequest{
		From: shared.Money{CurrencyCode: "USD", Units: 19, Nanos: 990_000_000}, ToCode: "EUR",
	}).Given("EUR is supported").Reads(money)
	return p
}

func cartPact() *contract.Pact {
	p := contract.Between("storefront", "cart")
	contract.Expect(p, "shows the cart and counts it", cart.GetCart, cart.GetCartRequest{UserID: pactVisitor}).
		Given("the cart of contract-visitor holds OLJCESPC7Z").
		Reads(contract.Object(contract.Fields{"items": contract.Array(contract.Object(contract.Fields{
			"product_id": contract.String(), "quantity": contract.Integer(),
		}))}))
	contract.Expect(p, "adds a product to the cart", cart.AddItem, cart.AddItemRequest{UserID: pactVisitor, ProductID: pactProduct, Quantity: 1}).
		Given("the cart of contract-visitor holds OLJCESPC7Z")
	contract.Expect(p, "refuses more of a product than a cart holds", cart.AddItem, cart.AddItemRequest{UserID: "contract-full-visitor", ProductID: pactProduct, Quantity: 1}).
		Given("the cart of contract-full-visitor holds as many OLJCESPC7Z as a cart may").
		Fails(cart.ErrTooMany)
	contract.Expect(p, "refuses a product the catalog does not sell", cart.AddItem, cart.AddItemRequest{UserID: pactVisitor, ProductID: "RETIRED", Quantity: 1}).
		Given("product RETIRED is not sold").
		Fails(&shared.Error{Code: shared.CodeInvalid, Field: "product_id"})
	contract.Expect(p, "empties the cart", cart.EmptyCart, cart.EmptyCartRequest{UserID: pactVisitor}).
		Given("the cart of contract-visitor holds OLJCESPC7Z")
	return p
}

func recommendationPact() *contract.Pact {
	p := contract.Between("storefront", "recommendation")
	contract.Expect(p, "recommends products next to a product", recommendation.List, recommendation.ListRequest{ProductIDs: []string{pactProduct}}).
		Given("the catalog sells more than OLJCESPC7Z").
		Reads(contract.Object(contract.Fields{"product_ids": contract.Array(contract.String())}))
	return p
}

func adsPact() *contract.Pact {
	p := contract.Between("storefront", "ads")
	contract.Expect(p, "shows an ad for a product's category", ads.Get, ads.GetRequest{ContextKeys: []string{"accessories"}}).
		Given("there is an ad for accessories").
		Reads(contract.Object(contract.Fields{"ads": contract.Array(contract.Object(contract.Fields{
			"redirect_url": contract.String(), "text": contract.String(),
		}))}))
	return p
}

func shippingPact() *contract.Pact {
	p := contract.Between("storefront", "shipping")
	contract.Expect(p, "quotes shipping on the cart page", shipping.Quote, shipping.QuoteRequest{
		Items: []shipping.Item{{ProductID: pactProduct, Quantity: 2}}, Currency: "EUR",
	}).Given("EUR is supported").Reads(money)
	return p
}

func ordersPact() *contract.Pact {
	p := contract.Between("storefront", "orders")
	contract.Expect(p, "places the order of the cart page's form", orders.PlaceOrder, orders.PlaceOrderRequest{
		UserID: pactShopper, Key: "contract-checkout", Email: "ada@example.com", Currency: "EUR",
		Address:    orders.Address{StreetAddress: "1600 Amphitheatre Pkwy", City: "Mountain View", State: "CA", Country: "USA", ZipCode: "94043"},
		CreditCard: orders.CreditCard{Number: "4111111111111111", CVV: 123, ExpirationYear: 2039, ExpirationMonth: 12},
	}).Given("the cart of contract-shopper holds OLJCESPC7Z").
		Reads(contract.Object(contract.Fields{"order_id": contract.String()}))
	contract.Expect(p, "lists the visitor's orders", orders.ListOrders, orders.ListOrdersRequest{UserID: pactShopper}).
		Given("contract-shopper placed an order").
		Reads(contract.Object(contract.Fields{"orders": contract.Array(contract.Object(contract.Fields{
			"id": contract.String(), "status": contract.String(), "created_at": contract.String(), "total": money,
			"items": contract.Array(contract.Object(contract.Fields{"name": contract.String(), "quantity": contract.Integer()})),
		}))}))
	contract.Expect(p, "shows an order", orders.GetOrder, orders.GetOrderRequest{OrderID: "the order placed", UserID: pactShopper}).
		Given("contract-shopper placed an order").
		FromState("order_id", "order_id").
		Reads(contract.Object(contract.Fields{
			"id": contract.String(), "status": contract.String(), "email": contract.String(),
			"items": contract.Array(contract.Object(contract.Fields{
				"name": contract.String(), "quantity": contract.Integer(), "unit_price": money, "total": money,
			})),
			"shipping_cost": money, "total": money,
			"address": contract.Object(contract.Fields{
				"street_address": contract.String(), "city": contract.String(), "state": contract.String(),
				"country": contract.String(), "zip_code": contract.String(),
			}),
		}))
	contract.Expect(p, "does not show another customer's order", orders.GetOrder, orders.GetOrderRequest{OrderID: "contract-unknown-order", UserID: pactShopper}).
		Fails(orders.ErrOrderNotFound)
	return p
}

func identityPact() *contract.Pact {
	p := contract.Between("storefront", "identity")
	const email, password = "shopper@example.com", "correct horse battery"
	contract.Expect(p, "signs a customer in", identity.LogIn, identity.LogInRequest{Email: email, Password: password, GuestID: pactVisitor}).
		Given("an account of shopper@example.com with password \"correct horse battery\"").
		Reads(contract.Object(contract.Fields{"token": contract.String()}))
	contract.Expect(p, "refuses a wrong password", identity.LogIn, identity.LogInRequest{Email: email, Password: "wrong horse battery"}).
		Given("an account of shopper@example.com with password \"correct horse battery\"").
		Fails(identity.ErrBadCredentials)
	contract.Expect(p, "refuses to register a taken email", identity.Register, identity.Credentials{Email: email, Password: password}).
		Given("an account of shopper@example.com with password \"correct horse battery\"").
		Fails(identity.ErrEmailTaken)
	contract.Expect(p, "refuses a short password, naming the field", identity.Register, identity.Credentials{Email: "new@example.com", Password: "short"}).
		Fails(&shared.Error{Code: shared.CodeInvalid, Field: "password"})
	return p
}
