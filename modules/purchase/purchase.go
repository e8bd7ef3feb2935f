// Package purchase is the published language of the choreographed
// checkout: the events its participants (orders, inventory, payment,
// shipping, cart and notification) publish and react to when
// orders.checkout_mode is choreography. It has no implementation and no
// runtime, only these declarations.
//
// The events live here, not in each publisher's contract, because the
// participants react to each other both ways (payment charges after
// inventory reserves; inventory releases after payment fails): declared by
// their publishers, those topics would make the modules depend on each
// other in cycles, which the architecture test forbids. Each participant
// imports this package and subscribes only to the events it reacts to.
//
// Every event carries the order id, which correlates the events of one
// checkout, and the time its publisher acted.
package purchase

import (
	"time"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

// Line is one product of a placed order, priced in the order's currency.
type Line struct {
	ProductID string       `json:"product_id"`
	Name      string       `json:"name"`
	Quantity  int32        `json:"quantity"`
	UnitPrice shared.Money `json:"unit_price"`
	Total     shared.Money `json:"total"`
}

// Address is where a placed order ships.
type Address struct {
	StreetAddress string `json:"street_address"`
	City          string `json:"city"`
	State         string `json:"state"`
	Country       string `json:"country"`
	ZipCode       string `json:"zip_code"`
}

// OrderPlacedEvent starts a choreographed checkout: a PENDING order, priced,
// whose card payment holds (payment.HoldCard) under the order id. It
// carries no card data.
type OrderPlacedEvent struct {
	OrderID  string       `json:"order_id"`
	UserID   string       `json:"user_id"`
	Email    string       `json:"email"`
	Currency string       `json:"currency"`
	Lines    []Line       `json:"lines"`
	Shipping shared.Money `json:"shipping"`
	Total    shared.Money `json:"total"`
	Address  Address      `json:"address"`
	At       time.Time    `json:"at"`
}

// OrderPlaced is published by orders with the order, in its transaction.
var OrderPlaced = bus.Topic[OrderPlacedEvent]("purchase.order_placed.v1")

// StepEvent is a participant's outcome for one order: Reason says why a
// step failed or was undone, and is empty otherwise.
type StepEvent struct {
	OrderID string    `json:"order_id"`
	Reason  string    `json:"reason,omitempty"`
	At      time.Time `json:"at"`
}

// StockReserved: inventory reserved every line of the order.
var StockReserved = bus.Topic[StepEvent]("purchase.stock_reserved.v1")

// StockUnavailable: inventory refused to reserve the order — a product
// fell short (Reason names it), or the reservation's key was released
// before it came, or a line was invalid. Nothing was taken.
var StockUnavailable = bus.Topic[StepEvent]("purchase.stock_unavailable.v1")

// PaymentChargedEvent says the order's total was charged.
type PaymentChargedEvent struct {
	OrderID       string    `json:"order_id"`
	TransactionID string    `json:"transaction_id"`
	At            time.Time `json:"at"`
}

// PaymentCharged: payment charged the card held for the order.
var PaymentCharged = bus.Topic[PaymentChargedEvent]("purchase.payment_charged.v1")

// PaymentFailed: payment could not charge the order (declined, invalid,
// no card held); Reason says why. Nothing was charged.
var PaymentFailed = bus.Topic[StepEvent]("purchase.payment_failed.v1")

// ShippedEvent says the order was handed to the carrier.
type ShippedEvent struct {
	OrderID    string    `json:"order_id"`
	TrackingID string    `json:"tracking_id"`
	At         time.Time `json:"at"`
}

// Shipped: shipping shipped the order.
var Shipped = bus.Topic[ShippedEvent]("purchase.shipped.v1")

// ShippingFailed: shipping could not ship the order (an address it does
// not deliver to); Reason says why. Nothing was shipped.
var ShippingFailed = bus.Topic[StepEvent]("purchase.shipping_failed.v1")

// PaymentRefunded: payment refunded the order's charge after shipping
// failed; Reason carries the shipping failure on.
var PaymentRefunded = bus.Topic[StepEvent]("purchase.payment_refunded.v1")

// StockReleased: inventory gave the order's reserved stock back after the
// payment failed or was refunded; Reason carries that failure on.
var StockReleased = bus.Topic[StepEvent]("purchase.stock_released.v1")

// StockCommitted: inventory sold the order's reserved stock once it
// shipped — the checkout's point of no return.
var StockCommitted = bus.Topic[StepEvent]("purchase.stock_committed.v1")

// OrderCompletedEvent says a choreographed order is COMPLETED, with what
// the cart and the confirmation mail need.
type OrderCompletedEvent struct {
	OrderID    string       `json:"order_id"`
	UserID     string       `json:"user_id"`
	Email      string       `json:"email"`
	Lines      []Line       `json:"lines"`
	Shipping   shared.Money `json:"shipping"`
	Total      shared.Money `json:"total"`
	TrackingID string       `json:"tracking_id"`
	At         time.Time    `json:"at"`
}

// OrderCompleted is published by orders when the stock is committed.
var OrderCompleted = bus.Topic[OrderCompletedEvent]("purchase.order_completed.v1")

// CartEmptied: cart took the completed order's products out of the cart.
var CartEmptied = bus.Topic[StepEvent]("purchase.cart_emptied.v1")

// ConfirmationSent: notification mailed the completed order's
// confirmation.
var ConfirmationSent = bus.Topic[StepEvent]("purchase.confirmation_sent.v1")
