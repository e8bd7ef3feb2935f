package orders

import (
	"net/http"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

// CreditCard is the card a checkout charges, as the customer types it.
type CreditCard struct {
	Number          string `json:"number"`
	CVV             int32  `json:"cvv"`
	ExpirationYear  int32  `json:"expiration_year"`
	ExpirationMonth int32  `json:"expiration_month"`
}

// CheckoutRequest is the body of POST /api/checkout: the caller's cart is
// bought.
type CheckoutRequest struct {
	Email      string     `json:"email"`
	Currency   string     `json:"currency"`
	Address    Address    `json:"address"`
	CreditCard CreditCard `json:"credit_card"`
}

// CheckoutAccepted answers a checkout: the order, PENDING while its saga
// runs.
type CheckoutAccepted struct {
	OrderID string `json:"order_id"`
	Status  string `json:"status"`
}

type orderPath struct {
	ID string `path:"id" description:"an order id"`
}

// The orders' routes, for the API document; internal/transport mounts
// them.
var _ = bus.Routes("orders",
	bus.Route{Method: http.MethodPost, Path: "/api/checkout", Summary: "Place an order from the caller's cart",
		Description: "Answers once the order is PENDING; the checkout saga then reserves, charges and ships. " +
			"Cards must be VISA or MasterCard, pass the Luhn check and not be expired. " +
			"An Idempotency-Key has at most 200 bytes.",
		Body: CheckoutRequest{}, Reply: CheckoutAccepted{}, Status: http.StatusAccepted, IdempotencyKey: true},
	bus.Route{Method: http.MethodGet, Path: "/api/orders", Summary: "The caller's orders, newest first, without their steps",
		Reply: ListOrdersReply{}},
	bus.Route{Method: http.MethodGet, Path: "/api/orders/{id}", Summary: "One of the caller's orders, with its checkout steps",
		Description: "Another user's order is 404.", Params: orderPath{}, Reply: Order{},
		Errors: []*shared.Error{ErrOrderNotFound}},
)
