// Package cart is the public contract of the cart module: one cart per user
// (a customer or a guest), holding product ids and quantities.
package cart

import (
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

// Item is a product and how many of it.
type Item struct {
	ProductID string `json:"product_id"`
	Quantity  int32  `json:"quantity"`
}

// Cart is a user's cart; Items is empty, never nil, for an empty cart.
type Cart struct {
	UserID string `json:"user_id"`
	Items  []Item `json:"items"`
}

// GetCartRequest names the cart's owner.
type GetCartRequest struct {
	UserID string `json:"user_id"`
}

// GetCart returns a user's cart (empty when they have none).
var GetCart = bus.Endpoint[GetCartRequest, Cart]("cart.GetCart", bus.Idempotent())

// AddItemRequest adds Quantity (1–100) of a catalog product.
type AddItemRequest struct {
	UserID    string `json:"user_id"`
	ProductID string `json:"product_id"`
	Quantity  int32  `json:"quantity"`
}

// AddItem adds to the quantity already in the cart (at most 100 per
// product) and returns the cart. It is not idempotent: adding twice adds twice.
var AddItem = bus.Endpoint[AddItemRequest, Cart]("cart.AddItem")

// EmptyCartRequest names the cart to empty. ProductIDs, when given, limits
// the emptying to those products' lines: a checkout removes what it ordered
// and leaves what the customer added since.
type EmptyCartRequest struct {
	UserID     string   `json:"user_id"`
	ProductIDs []string `json:"product_ids,omitempty"`
}

// EmptyCartReply is empty.
type EmptyCartReply struct{}

// EmptyCart removes every item, or every item of the products named.
// Emptying an empty cart is fine.
var EmptyCart = bus.Endpoint[EmptyCartRequest, EmptyCartReply]("cart.EmptyCart", bus.Idempotent())

// MergeCartsRequest names the cart to move (From, typically a guest's) and
// the cart that receives its items (To, the account they logged in to).
type MergeCartsRequest struct {
	FromUserID string `json:"from_user_id"`
	ToUserID   string `json:"to_user_id"`
}

// MergeCarts moves every item of From into To — quantities add, capped at
// MaxQuantity per product — empties From and returns To's cart. Moving and
// emptying are one transaction, so a second call finds From empty and
// changes nothing: the call is idempotent, and concurrent calls move each
// item once.
var MergeCarts = bus.Endpoint[MergeCartsRequest, Cart]("cart.MergeCarts", bus.Idempotent())

// MaxQuantity is the most of one product a cart may hold.
const MaxQuantity = 100

// ErrTooMany is returned when an addition would exceed MaxQuantity.
var ErrTooMany = shared.NewReason(shared.CodeInvalid, "too_many", "too many of one product")
