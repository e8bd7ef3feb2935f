// Package orders is the public contract of the orders module: the checkout
// (a saga over inventory, payment, shipping, cart and notification, or
// their choreography) and the order history.
package orders

import (
	"time"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

// Order statuses.
const (
	StatusPending   = "PENDING"
	StatusCompleted = "COMPLETED"
	StatusCancelled = "CANCELLED"
)

// Checkout modes (orders.checkout_mode), recorded on each order.
const (
	ModeOrchestration = "orchestration"
	ModeChoreography  = "choreography"
)

// Line is one product of an order, priced in the order's currency.
type Line struct {
	ProductID string       `json:"product_id"`
	Name      string       `json:"name"`
	Quantity  int32        `json:"quantity"`
	UnitPrice shared.Money `json:"unit_price"`
	Total     shared.Money `json:"total"`
}

// Address is where an order ships.
type Address struct {
	StreetAddress string `json:"street_address"`
	City          string `json:"city"`
	State         string `json:"state"`
	Country       string `json:"country"`
	ZipCode       string `json:"zip_code"`
}

// PlaceOrderRequest is a checkout: UserID's cart becomes an order priced
// in Currency, shipped to Address and paid with CreditCard. Key is
// required: placing again with the same key (for the same user) returns
// the first order and starts nothing.
type PlaceOrderRequest struct {
	UserID     string     `json:"user_id"`
	Key        string     `json:"key"`
	Email      string     `json:"email"`
	Currency   string     `json:"currency"`
	Address    Address    `json:"address"`
	CreditCard CreditCard `json:"credit_card"`
}

// PlaceOrderReply names the order, PENDING until its checkout ends
// COMPLETED or CANCELLED; GetOrder follows it.
type PlaceOrderReply struct {
	OrderID string `json:"order_id"`
}

// PlaceOrder is POST /api/checkout for callers on the bus: the cart is
// priced and the PENDING order inserted with its checkout saga, or with
// the purchase.OrderPlaced event once payment holds the card
// (choreography), in one transaction. Bad input is Invalid naming the field ("email",
// "address.zip_code", "key"…); an empty cart is Invalid on "cart".
var PlaceOrder = bus.Endpoint[PlaceOrderRequest, PlaceOrderReply]("orders.PlaceOrder", bus.Idempotent())

// Step is one line of the checkout's timeline, in the same shape whichever
// mode ran it: Name is the step (reserve, charge, ship, commit,
// empty_cart, confirm), Phase forward or compensate, Status succeeded or
// failed. Module is the participant that acted and Event what told of it:
// the endpoint the saga called, or the event the participant published;
// TraceID names the trace it ran in, when known.
type Step struct {
	Name       string    `json:"name"`
	Phase      string    `json:"phase"`
	Status     string    `json:"status"`
	Attempt    int       `json:"attempt"`
	Error      string    `json:"error,omitempty"`
	Module     string    `json:"module,omitempty"`
	Event      string    `json:"event,omitempty"`
	TraceID    string    `json:"trace_id,omitempty"`
	StartedAt  time.Time `json:"started_at"`
	FinishedAt time.Time `json:"finished_at"`
}

// A step's phases, and the status of a step that failed going forward.
const (
	PhaseForward    = "forward"
	PhaseCompensate = "compensate"
	StepFailed      = "failed"
)

// Order is an order as its customer sees it.
type Order struct {
	ID                 string       `json:"id"`
	Status             string       `json:"status"`
	Email              string       `json:"email"`
	Currency           string       `json:"currency"`
	Address            Address      `json:"address"`
	Items              []Line       `json:"items"`
	ShippingCost       shared.Money `json:"shipping_cost"`
	Total              shared.Money `json:"total"`
	TrackingID         string       `json:"tracking_id,omitempty"`
	TransactionID      string       `json:"transaction_id,omitempty"`
	CancellationReason string       `json:"cancellation_reason,omitempty"`
	CheckoutMode       string       `json:"checkout_mode"`
	Steps              []Step       `json:"steps,omitempty"`
	CreatedAt          time.Time    `json:"created_at"`
	UpdatedAt          time.Time    `json:"updated_at"`
}

// GetOrderRequest names an order and the user asking; another user's order
// is ErrOrderNotFound.
type GetOrderRequest struct {
	OrderID string `json:"order_id"`
	UserID  string `json:"user_id"`
}

// GetOrder returns an order with its checkout timeline.
var GetOrder = bus.Endpoint[GetOrderRequest, Order]("orders.GetOrder", bus.Idempotent())

// ListOrdersRequest names the user.
type ListOrdersRequest struct {
	UserID string `json:"user_id"`
}

// ListOrdersReply lists a user's orders, newest first, without timelines.
type ListOrdersReply struct {
	Orders []Order `json:"orders"`
}

// ListOrders returns a user's orders.
var ListOrders = bus.Endpoint[ListOrdersRequest, ListOrdersReply]("orders.ListOrders", bus.Idempotent())

// OrderCompletedEvent says an order is paid, shipped and final.
type OrderCompletedEvent struct {
	OrderID     string       `json:"order_id"`
	UserID      string       `json:"user_id"`
	Total       shared.Money `json:"total"`
	CompletedAt time.Time    `json:"completed_at"`
}

// OrderCompleted is published when an order completes.
var OrderCompleted = bus.Topic[OrderCompletedEvent]("orders.order_completed.v1")

// OrderCancelledEvent says an order was cancelled and everything undone.
type OrderCancelledEvent struct {
	OrderID     string    `json:"order_id"`
	UserID      string    `json:"user_id"`
	Email       string    `json:"email"`
	Reason      string    `json:"reason"`
	CancelledAt time.Time `json:"cancelled_at"`
}

// OrderCancelled is published when an order is cancelled.
var OrderCancelled = bus.Topic[OrderCancelledEvent]("orders.order_cancelled.v1")

// ErrOrderNotFound is returned for unknown orders and other users' orders.
var ErrOrderNotFound = shared.NewReason(shared.CodeNotFound, "order_not_found", "order not found")

// The checkout is served at /api/checkout and the admin API of the orders'
// read models at /api/admin/projections, besides /api/orders.
var _ = bus.PublicPaths("orders", "/api/checkout", "/api/admin/projections")
