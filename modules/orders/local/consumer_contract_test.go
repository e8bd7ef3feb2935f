package local_test

import (
	"testing"

	"github.com/jubako/jubako/modules/cart"
	"github.com/jubako/jubako/modules/catalog"
	"github.com/jubako/jubako/modules/currency"
	"github.com/jubako/jubako/modules/inventory"
	"github.com/jubako/jubako/modules/notification"
	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/platform/contract"
	"github.com/jubako/jubako/shared"
)

// What orders reads of the modules it prices orders with and whose steps
// make up the checkout, declared for those modules to verify. Values match
// the states the providers set up: Online Boutique's sunglasses
// (OLJCESPC7Z) at 19.99 USD, a customer whose cart holds them.
const (
	pactProduct  = "OLJCESPC7Z"
	pactCustomer = "contract-customer"
	pactOrder    = "contract-order"
)

// money is what orders reads of shared.Money: it adds and multiplies them.
var money = contract.Object(contract.Fields{
	"currency_code": contract.String(), "units": contract.Integer(), "nanos": contract.Integer(),
})

var pactAddress = shipping.Address{StreetAddress: "1600 Amphitheatre Pkwy", City: "Mountain View", State: "CA", Country: "USA", ZipCode: "94043"}

var pactCard = payment.CreditCard{Number: "4111111111111111", CVV: 123, ExpirationYear: 2039, ExpirationMonth: 12}

func TestContracts(t *testing.T) {
	contract.Check(t, cartPact(), catalogPact(), currencyPact(), shippingPact(), inventoryPact(), paymentPact(), notificationPact(), purchasePact())
}

func cartPact() *contract.Pact {
	p := contract.Between("orders", "cart")
	contract.Expect(p, "reads the cart it checks out", cart.GetCart, cart.GetCartRequest{UserID: pactCustomer}).
		Given("the cart of contract-customer holds OLJCESPC7Z").
		Reads(contract.Object(contract.Fields{"items": contract.Array(contract.Object(contract.Fields{
			"product_id": contract.String(), "quantity": contract.Integer(),
		}))}))
	contract.Expect(p, "takes the ordered products out of the cart of a completed order", cart.EmptyCart, cart.EmptyCartRequest{UserID: pactCustomer, ProductIDs: []string{pactProduct}}).
		Given("the cart of contract-customer holds OLJCESPC7Z")
	return p
}

func catalogPact() *contract.Pact {
	p := contract.Between("orders", "catalog")
	contract.Expect(p, "prices a line of the cart", catalog.GetProduct, catalog.GetProductRequest{ID: pactProduct}).
		Given("product OLJCESPC7Z is sold").
		Reads(contract.Object(contract.Fields{"id": contract.String(), "name": contract.String(), "price_usd": money}))
	contract.Expect(p, "refuses a product no longer sold", catalog.GetProduct, catalog.GetProductRequest{ID: "RETIRED"}).
		Given("product RETIRED is not sold").
		Fails(catalog.ErrProductNotFound)
	return p
}

func currencyPact() *contract.Pact {
	p := contract.Between("orders", "currency")
	usd := shared.Money{CurrencyCode: "USD", Units: 19, Nanos: 990_000_000}
	contract.Expect(p, "converts a price into the order's currency", currency.Convert, currency.ConvertRequest{From: usd, ToCode: "EUR"}).
		Given("EUR is supported").
		Reads(money)
	contract.Expect(p, "refuses an unsupported currency", currency.Convert, currency.ConvertRequest{From: usd, ToCode: "XYZ"}).
		Given("XYZ is not supported").
		Fails(currency.ErrUnsupportedCurrency)
	return p
}

func shippingPact() *contract.Pact {
	p := contract.Between("orders", "shipping")
	items := []shipping.Item{{ProductID: pactProduct, Quantity: 2}}
	contract.Expect(p, "quotes shipping in the order's currency", shipping.Quote, shipping.QuoteRequest{Address: pactAddress, Items: items, Currency: "EUR"}).
		Given("EUR is supported").
		Reads(money)
	contract.Expect(p, "ships the order", shipping.Ship, shipping.ShipRequest{Key: pactOrder + ":ship", Reference: pactOrder, Address: pactAddress, Items: items}).
		Reads(contract.Object(contract.Fields{"tracking_id": contract.String()}))
	undeliverable := pactAddress
	undeliverable.ZipCode = shipping.UndeliverableZip
	contract.Expect(p, "cannot ship to an undeliverable address", shipping.Ship, shipping.ShipRequest{Key: "contract-undeliverable:ship", Reference: "contract-undeliverable", Address: undeliverable, Items: items}).
		Fails(shipping.ErrUndeliverable)
	contract.Expect(p, "cancels the shipment of a cancelled order", shipping.Cancel, shipping.CancelRequest{ShipKey: "contract-cancel:ship"}).
		Given("an order was shipped with key contract-cancel:ship")
	return p
}

func inventoryPact() *contract.Pact {
	p := contract.Between("orders", "inventory")
	lines := []inventory.Line{{ProductID: pactProduct, Quantity: 2}}
	contract.Expect(p, "reserves the order's stock", inventory.Reserve, inventory.ReserveRequest{Key: pactOrder + ":reserve", Reference: pactOrder, Lines: lines}).
		Given("OLJCESPC7Z has 10 on hand")
	contract.Expect(p, "cannot reserve more than is on hand", inventory.Reserve, inventory.ReserveRequest{
		Key: "contract-greedy:reserve", Reference: "contract-greedy", Lines: []inventory.Line{{ProductID: pactProduct, Quantity: 11}},
	}).Given("OLJCESPC7Z has 10 on hand").Fails(inventory.ErrOutOfStock)
	contract.Expect(p, "releases the stock of a cancelled order", inventory.Release, inventory.KeyRequest{Key: "contract-release:reserve"}).
		Given("stock is reserved with key contract-release:reserve")
	contract.Expect(p, "sells the reserved stock", inventory.Commit, inventory.KeyRequest{Key: "contract-commit:reserve"}).
		Given("stock is reserved with key contract-commit:reserve")
	return p
}

func paymentPact() *contract.Pact {
	p := contract.Between("orders", "payment")
	total := shared.Money{CurrencyCode: "EUR", Units: 45, Nanos: 0}
	contract.Expect(p, "charges the order's total", payment.Charge, payment.ChargeRequest{Key: pactOrder + ":charge", Reference: pactOrder, Amount: total, Card: pactCard}).
		Reads(contract.Object(contract.Fields{"transaction_id": contract.String()}))
	declined := pactCard
	declined.Number = payment.DeclinedCard
	contract.Expect(p, "a declined card fails the charge", payment.Charge, payment.ChargeRequest{Key: "contract-declined:charge", Reference: "contract-declined", Amount: total, Card: declined}).
		Given("card 4000000000000002 is declined").
		Fails(payment.ErrDeclined)
	contract.Expect(p, "refunds the charge of a cancelled order", payment.Refund, payment.RefundRequest{ChargeKey: "contract-refund:charge"}).
		Given("a card was charged with key contract-refund:charge")
	contract.Expect(p, "holds the card of a choreographed order", payment.HoldCard, payment.HoldCardRequest{Reference: pactOrder, Amount: total, Card: pactCard})
	luhnless := pactCard
	luhnless.Number = "4111111111111112"
	contract.Expect(p, "refuses to hold a card number failing the Luhn check", payment.HoldCard, payment.HoldCardRequest{Reference: "contract-luhnless", Amount: total, Card: luhnless}).
		Fails(&shared.Error{Code: shared.CodeInvalid, Field: "card.number"})
	contract.Expect(p, "releases the card held for an order another request placed", payment.ReleaseHold, payment.ReleaseHoldRequest{Reference: "contract-unplaced"})
	return p
}

// purchasePact is what orders reads of the choreographed checkout's events:
// each one's order and time, why a step failed or was undone, and the ids
// of the charge and of the shipment.
func purchasePact() *contract.Pact {
	p := contract.Between("orders", "purchase")
	step := contract.Object(contract.Fields{"order_id": contract.String(), "at": contract.String()})
	because := contract.Object(contract.Fields{"order_id": contract.String(), "reason": contract.String(), "at": contract.String()})
	contract.Listen(p, "records the reservation", purchase.StockReserved, step)
	contract.Listen(p, "cancels an order out of stock", purchase.StockUnavailable, because)
	contract.Listen(p, "records the charge and its transaction id", purchase.PaymentCharged,
		contract.Object(contract.Fields{"order_id": contract.String(), "transaction_id": contract.String(), "at": contract.String()}))
	contract.Listen(p, "records the failed charge and why", purchase.PaymentFailed, because)
	contract.Listen(p, "records the shipment and its tracking id", purchase.Shipped,
		contract.Object(contract.Fields{"order_id": contract.String(), "tracking_id": contract.String(), "at": contract.String()}))
	contract.Listen(p, "records the failed shipment and why", purchase.ShippingFailed, because)
	contract.Listen(p, "records the refund", purchase.PaymentRefunded, because)
	contract.Listen(p, "cancels the order once its stock is released", purchase.StockReleased, because)
	contract.Listen(p, "completes the order once its stock is committed", purchase.StockCommitted, step)
	contract.Listen(p, "records the emptied cart", purchase.CartEmptied, step)
	contract.Listen(p, "records the confirmation mailed", purchase.ConfirmationSent, step)
	return p
}

func notificationPact() *contract.Pact {
	p := contract.Between("orders", "notification")
	total := shared.Money{CurrencyCode: "EUR", Units: 45, Nanos: 0}
	contract.Expect(p, "mails the confirmation", notification.SendConfirmation, notification.ConfirmationRequest{
		OrderID: pactOrder, Email: "ada@example.com", TrackingID: "TRACK-1", Shipping: shared.Money{CurrencyCode: "EUR", Units: 5},
		Total: total, Lines: []notification.OrderLine{{ProductID: pactProduct, Name: "Sunglasses", Quantity: 2, Price: shared.Money{CurrencyCode: "EUR", Units: 40}}},
	})
	contract.Expect(p, "mails the cancellation", notification.SendCancellation, notification.CancellationRequest{
		OrderID: "contract-cancelled-order", Email: "ada@example.com", Reason: "charge failed: card declined",
	})
	contract.Expect(p, "lists the mails about an order for the console", notification.Mails, notification.MailsRequest{OrderID: "contract-mailed-order"}).
		Given("the confirmation of contract-mailed-order was mailed").
		Reads(contract.Object(contract.Fields{"mails": contract.Array(contract.Object(contract.Fields{
			"kind": contract.String(), "to": contract.String(), "subject": contract.String(), "body": contract.String(), "sent_at": contract.String(),
		}))}))
	return p
}
