package orders

import (
	"encoding/json"
	"net/http"
	"time"

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

type orderAsOf struct {
	ID   string `path:"id" description:"an order id"`
	AsOf string `query:"as_of" description:"an RFC 3339 time: the order as its events made it then, with the steps a choreographed checkout had recorded (an orchestrated one's saga steps are not events)"`
}

// OrderEvent is one event of an order's stream: Version counts within the
// order, Position across all orders, in the order they were appended.
type OrderEvent struct {
	Position   int64           `json:"position"`
	Version    int             `json:"version"`
	Type       string          `json:"type"`
	Data       json.RawMessage `json:"data"`
	OccurredAt time.Time       `json:"occurred_at"`
}

// OrderEvents answers GET /api/orders/{id}/events: the order's stream,
// oldest first.
type OrderEvents struct {
	OrderID string       `json:"order_id"`
	Events  []OrderEvent `json:"events"`
}

// Projection is a read model of the orders' events: Checkpoint is the
// position of the last event it applied, Lag how many of the events it
// applies follow. An inline projection is written with the events
// themselves: its checkpoint is the last event's, its lag 0.
type Projection struct {
	Name       string `json:"name"`
	Inline     bool   `json:"inline"`
	Checkpoint int64  `json:"checkpoint"`
	Lag        int64  `json:"lag"`
}

// Projections answers GET /api/admin/projections.
type Projections struct {
	Projections []Projection `json:"projections"`
}

type projectionPath struct {
	Name string `path:"name" description:"order_view, customer_orders or daily_sales"`
}

// ErrProjectionNotFound names a projection that does not exist.
var ErrProjectionNotFound = shared.NewReason(shared.CodeNotFound, "projection_not_found", "no such projection")

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
		Description: "Another user's order is 404. With as_of, the order folded from its events up to that time; " +
			"an order placed later is 404.", Params: orderAsOf{}, Reply: Order{},
		Errors: []*shared.Error{ErrOrderNotFound}},
	bus.Route{Method: http.MethodGet, Path: "/api/orders/{id}/events", Summary: "The events of one of the caller's orders, oldest first",
		Description: "Admins may read any order's; another user's order is 404.", Params: orderPath{}, Reply: OrderEvents{},
		Errors: []*shared.Error{ErrOrderNotFound}},
	bus.Route{Method: http.MethodGet, Path: "/api/admin/projections", Summary: "The orders' read models, with their checkpoints and lags",
		Access: bus.Admins, Reply: Projections{}},
	bus.Route{Method: http.MethodPost, Path: "/api/admin/projections/{name}/rebuild", Summary: "Rebuild a read model from the events",
		Description: "Empties it and applies every event again, in one transaction; answers the projection caught up.",
		Access:      bus.Admins, Params: projectionPath{}, Reply: Projection{}, Errors: []*shared.Error{ErrProjectionNotFound}},
)
