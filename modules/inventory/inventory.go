// Package inventory is the public contract of the inventory module: stock
// per product, and reservations that a checkout takes, then commits or
// releases.
package inventory

import (
	"time"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

// Line is a quantity of one product.
type Line struct {
	ProductID string `json:"product_id"`
	Quantity  int32  `json:"quantity"`
}

// ReserveRequest takes stock for every line or for none. Key makes the call
// idempotent: the same key returns the same reservation and takes stock once.
type ReserveRequest struct {
	Key       string `json:"key"`
	Reference string `json:"reference"`
	Lines     []Line `json:"lines"`
}

// Reservation holds stock until it is committed, released or expires.
type Reservation struct {
	Key       string    `json:"key"`
	Status    string    `json:"status"`
	ExpiresAt time.Time `json:"expires_at"`
}

// Reservation statuses.
const (
	StatusReserved  = "RESERVED"
	StatusCommitted = "COMMITTED"
	StatusReleased  = "RELEASED"
)

// Reserve takes stock for an order, all lines or none; ErrOutOfStock names
// the first product short of stock. A Release with the key before its
// Reserve makes the Reserve fail with ErrReleased, taking nothing.
var Reserve = bus.Endpoint[ReserveRequest, Reservation]("inventory.Reserve", bus.Idempotent())

// KeyRequest names a reservation by the key it was made with.
type KeyRequest struct {
	Key string `json:"key"`
}

// Release returns a reservation's stock. Releasing a released or expired
// reservation changes nothing; a committed one is ErrAlreadyCommitted.
// Releasing an unknown key returns no stock but records the key as
// released (a reservation without lines): a later Reserve or Commit of the
// key fails with ErrReleased, so a Reserve that arrives after its
// compensation never takes stock.
var Release = bus.Endpoint[KeyRequest, Reservation]("inventory.Release", bus.Idempotent())

// Commit turns a reservation into a sale. Committing twice is fine. If the
// reservation expired meanwhile, Commit takes the stock again when there is
// enough, or fails with ErrOutOfStock. A key released before it was ever
// reserved is ErrReleased: there is no stock to take.
var Commit = bus.Endpoint[KeyRequest, Reservation]("inventory.Commit", bus.Idempotent())

// StockRequest names a product.
type StockRequest struct {
	ProductID string `json:"product_id"`
}

// Stock is a product's stock: OnHand can be sold, Reserved is held by
// pending checkouts, Sold is committed. Their sum changes only by SetStock.
type Stock struct {
	ProductID string `json:"product_id"`
	OnHand    int64  `json:"on_hand"`
	Reserved  int64  `json:"reserved"`
	Sold      int64  `json:"sold"`
}

// GetStock returns a product's stock.
var GetStock = bus.Endpoint[StockRequest, Stock]("inventory.GetStock", bus.Idempotent())

// SetStockRequest sets how many units can be sold.
type SetStockRequest struct {
	ProductID string `json:"product_id"`
	OnHand    int64  `json:"on_hand"`
}

// SetStock sets a product's on-hand quantity (an admin operation).
var SetStock = bus.Endpoint[SetStockRequest, Stock]("inventory.SetStock", bus.Idempotent())

// Errors of the inventory.
var (
	ErrOutOfStock       = shared.NewReason(shared.CodeConflict, "out_of_stock", "out of stock")
	ErrAlreadyCommitted = shared.NewReason(shared.CodeConflict, "already_committed", "reservation already committed")
	// ErrReleased refuses a Reserve or Commit of a key released before it
	// was reserved.
	ErrReleased = shared.NewReason(shared.CodeConflict, "reservation_released", "reservation key released before it was reserved")
)
