package local_test

import (
	"testing"

	"github.com/jubako/jubako/modules/ads"
	"github.com/jubako/jubako/modules/cart"
	"github.com/jubako/jubako/modules/catalog"
	"github.com/jubako/jubako/modules/currency"
	"github.com/jubako/jubako/modules/notification"
	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/modules/recommendation"
	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/platform/contract"
	"github.com/jubako/jubako/shared"
)

// What the adapters of Online Boutique's services read of the modules they
// translate to, declared for those modules to verify. Online Boutique's
// user_id u is the shop's user "ob-"+u.
const (
	obProduct = "OLJCESPC7Z"
	obUser    = "ob-contract-user"
)

var (
	money = contract.Object(contract.Fields{
		"currency_code": contract.String(), "units": contract.Integer(), "nanos": contract.Integer(),
	})
	usd     = shared.Money{CurrencyCode: "USD", Units: 19, Nanos: 990_000_000}
	obItems = []shipping.Item{{ProductID: obProduct, Quantity: 1}}
	obAddr  = shipping.Address{StreetAddress: "1600 Amphitheatre Pkwy", City: "Mountain View", State: "CA", Country: "USA", ZipCode: "94043"}
	obCard  = payment.CreditCard{Number: "4111111111111111", CVV: 123, ExpirationYear: 2039, ExpirationMonth: 12}
)

func TestContracts(t *testing.T) {
	contract.Check(t, catalogPact(), currencyPact(), cartPact(), recommendationPact(), shippingPact(),
		paymentPact(), notificationPact(), ordersPact(), adsPact())
}

func catalogPact() *contract.Pact {
	p := contract.Between("hipstershop", "catalog")
	product := contract.Object(contract.Fields{
		"id": contract.String(), "name": contract.String(), "description": contract.String(), "picture": contract.String(),
		"price_usd": money, "categories": contract.Array(contract.String()),
	})
	contract.Expect(p, "ListProducts", catalog.ListProducts, catalog.ListProductsRequest{}).
		Given("product OLJCESPC7Z is sold").
		Reads(contract.Object(contract.Fields{"products": contract.Array(product)}))
	contract.Expect(p, "SearchProducts", catalog.ListProducts, catalog.ListProductsRequest{Query: "sunglasses"}).
		Given("product OLJCESPC7Z is sold").
		Reads(contract.Object(contract.Fields{"products": contract.Array(product)}))
	contract.Expect(p, "GetProduct", catalog.GetProduct, catalog.GetProductRequest{ID: obProduct}).
		Given("product OLJCESPC7Z is sold").
		Reads(product)
	contract.Expect(p, "GetProduct of an unknown id is NOT_FOUND", catalog.GetProduct, catalog.GetProductRequest{ID: "RETIRED"}).
		Given("product RETIRED is not sold").
		Fails(shared.ErrNotFound)
	return p
}

func currencyPact() *contract.Pact {
	p := contract.Between("hipstershop", "currency")
	contract.Expect(p, "GetSupportedCurrencies", currency.SupportedCurrencies, currency.SupportedRequest{}).
		Given("EUR is supported").
		Reads(contract.Object(contract.Fields{"currency_codes": contract.Array(contract.String())}))
	contract.Expect(p, "Convert", currency.Convert, currency.ConvertRequest{From: usd, ToCode: "EUR"}).
		Given("EUR is supported").
		Reads(money)
	return p
}

func cartPact() *contract.Pact {
	p := contract.Between("hipstershop", "cart")
	contract.Expect(p, "AddItem", cart.AddItem, cart.AddItemRequest{UserID: obUser, ProductID: obProduct, Quantity: 1}).
		Given("the cart of ob-contract-user holds OLJCESPC7Z")
	contract.Expect(p, "AddItem names the product field it refuses", cart.AddItem, cart.AddItemRequest{UserID: obUser, ProductID: "RETIRED", Quantity: 1}).
		Given("product RETIRED is not sold").
		Fails(&shared.Error{Code: shared.CodeInvalid, Field: "product_id"})
	contract.Expect(p, "GetCart", cart.GetCart, cart.GetCartRequest{UserID: obUser}).
		Given("the cart of ob-contract-user holds OLJCESPC7Z").
		Reads(contract.Object(contract.Fields{"items": contract.Array(contract.Object(contract.Fields{
			"product_id": contract.String(), "quantity": contract.Integer(),
		}))}))
	contract.Expect(p, "EmptyCart", cart.EmptyCart, cart.EmptyCartRequest{UserID: obUser}).
		Given("the cart of ob-contract-user holds OLJCESPC7Z")
	return p
}

func recommendationPact() *contract.Pact {
	p := contract.Between("hipstershop", "recommendation")
	contract.Expect(p, "ListRecommendations", recommendation.List, recommendation.ListRequest{ProductIDs: []string{obProduct}}).
		Given("the catalog sells more than OLJCESPC7Z").
		Reads(contract.Object(contract.Fields{"product_ids": contract.Array(contract.String())}))
	return p
}

func shippingPact() *contract.Pact {
	p := contract.Between("hipstershop", "shipping")
	contract.Expect(p, "GetQuote", shipping.Quote, shipping.QuoteRequest{Address: obAddr, Items: obItems, Currency: "USD"}).
		Reads(money)
	contract.Expect(p, "ShipOrder", shipping.Ship, shipping.ShipRequest{Key: "contract-grpc-ship", Reference: "contract-grpc-ship", Address: obAddr, Items: obItems}).
		Reads(contract.Object(contract.Fields{"tracking_id": contract.String()}))
	undeliverable := obAddr
	undeliverable.ZipCode = shipping.UndeliverableZip
	contract.Expect(p, "ShipOrder to zip 99999 is FAILED_PRECONDITION", shipping.Ship, shipping.ShipRequest{
		Key: "contract-grpc-undeliverable", Reference: "contract-grpc-undeliverable", Address: undeliverable, Items: obItems,
	}).Fails(shared.ErrConflict)
	return p
}

func paymentPact() *contract.Pact {
	p := contract.Between("hipstershop", "payment")
	contract.Expect(p, "Charge", payment.Charge, payment.ChargeRequest{Key: "contract-grpc-charge", Reference: "contract-grpc-charge", Amount: usd, Card: obCard}).
		Reads(contract.Object(contract.Fields{"transaction_id": contract.String()}))
	declined := obCard
	declined.Number = payment.DeclinedCard
	contract.Expect(p, "Charge of a declined card is FAILED_PRECONDITION", payment.Charge, payment.ChargeRequest{
		Key: "contract-grpc-declined", Reference: "contract-grpc-declined", Amount: usd, Card: declined,
	}).Given("card 4000000000000002 is declined").Fails(shared.ErrConflict)
	return p
}

func notificationPact() *contract.Pact {
	p := contract.Between("hipstershop", "notification")
	contract.Expect(p, "SendOrderConfirmation", notification.SendConfirmation, notification.ConfirmationRequest{
		OrderID: "contract-grpc-order", Email: "ada@example.com", TrackingID: "TRACK-1", Shipping: usd, Total: usd,
		Lines: []notification.OrderLine{{ProductID: obProduct, Name: obProduct, Quantity: 1, Price: usd}},
	})
	return p
}

func ordersPact() *contract.Pact {
	p := contract.Between("hipstershop", "orders")
	address := orders.Address(obAddr)
	card := orders.CreditCard{Number: obCard.Number, CVV: obCard.CVV, ExpirationYear: obCard.ExpirationYear, ExpirationMonth: obCard.ExpirationMonth}
	contract.Expect(p, "PlaceOrder", orders.PlaceOrder, orders.PlaceOrderRequest{
		UserID: obUser, Key: "contract-grpc-checkout", Email: "ada@example.com", Currency: "USD", Address: address, CreditCard: card,
	}).Given("the cart of ob-contract-user holds OLJCESPC7Z").
		Reads(contract.Object(contract.Fields{"order_id": contract.String()}))
	contract.Expect(p, "PlaceOrder answers the completed order", orders.GetOrder, orders.GetOrderRequest{OrderID: "the order placed", UserID: obUser}).
		Given("an order of ob-contract-user completed").
		FromState("order_id", "order_id").
		Reads(contract.Object(contract.Fields{
			"id": contract.String(), "status": contract.Equals(orders.StatusCompleted), "tracking_id": contract.String(), "shipping_cost": money,
			"address": contract.Object(contract.Fields{
				"street_address": contract.String(), "city": contract.String(), "state": contract.String(),
				"country": contract.String(), "zip_code": contract.String(),
			}),
			"items": contract.Array(contract.Object(contract.Fields{
				"product_id": contract.String(), "quantity": contract.Integer(), "unit_price": money,
			})),
		}))
	return p
}

func adsPact() *contract.Pact {
	p := contract.Between("hipstershop", "ads")
	contract.Expect(p, "GetAds", ads.Get, ads.GetRequest{ContextKeys: []string{"accessories"}}).
		Given("there is an ad for accessories").
		Reads(contract.Object(contract.Fields{"ads": contract.Array(contract.Object(contract.Fields{
			"redirect_url": contract.String(), "text": contract.String(),
		}))}))
	return p
}
