// Package shipping is the public contract of the shipping module, after
// Online Boutique's: a flat quote and shipments with tracking ids.
package shipping

import (
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

// Address is where an order goes.
type Address struct {
	StreetAddress string `json:"street_address"`
	City          string `json:"city"`
	State         string `json:"state"`
	Country       string `json:"country"`
	ZipCode       string `json:"zip_code"`
}

// Item is a quantity of one product.
type Item struct {
	ProductID string `json:"product_id"`
	Quantity  int32  `json:"quantity"`
}

// QuoteRequest asks what shipping Items costs, in Currency (USD when
// empty). The flat rate needs no Address: a client may leave it out.
type QuoteRequest struct {
	Address  Address `json:"address,omitzero"`
	Items    []Item  `json:"items"`
	Currency string  `json:"currency,omitempty"`
}

// Quote returns the shipping cost: 8.99 USD for a non-empty order, 0 for an
// empty one, converted to the requested currency.
var Quote = bus.Endpoint[QuoteRequest, shared.Money]("shipping.Quote", bus.Idempotent(), bus.LastGood())

// ShipRequest ships Items to Address. Key makes it idempotent: the same key
// returns the same tracking id and ships once.
type ShipRequest struct {
	Key       string  `json:"key"`
	Reference string  `json:"reference"`
	Address   Address `json:"address"`
	Items     []Item  `json:"items"`
}

// ShipReply carries the tracking id.
type ShipReply struct {
	TrackingID string `json:"tracking_id"`
}

// Ship ships an order. Zip code 99999 is undeliverable: ErrUndeliverable.
// A Cancel with the key before its Ship makes the Ship fail with
// ErrCancelled, shipping nothing.
var Ship = bus.Endpoint[ShipRequest, ShipReply]("shipping.Ship", bus.Idempotent())

// CancelRequest cancels the shipment made with ShipKey.
type CancelRequest struct {
	ShipKey string `json:"ship_key"`
}

// CancelReply tells whether a shipment was cancelled (false: none was made
// before the cancel).
type CancelReply struct {
	Cancelled bool `json:"cancelled"`
}

// Cancel cancels a shipment; cancelling twice, or a shipment never made, is
// fine. Cancelling a key never shipped answers false and records the key as
// cancelled, so that a Ship arriving after its compensation fails with
// ErrCancelled.
var Cancel = bus.Endpoint[CancelRequest, CancelReply]("shipping.Cancel", bus.Idempotent())

// ShipmentsRequest selects shipments by the reference given when shipping.
type ShipmentsRequest struct {
	Reference string `json:"reference"`
}

// Shipment is one shipment and its status (SHIPPED or CANCELLED).
type Shipment struct {
	TrackingID string  `json:"tracking_id"`
	Reference  string  `json:"reference"`
	Status     string  `json:"status"`
	Address    Address `json:"address"`
	Items      []Item  `json:"items"`
}

// ShipmentsReply lists shipments oldest first.
type ShipmentsReply struct {
	Shipments []Shipment `json:"shipments"`
}

// Shipments lists shipments (an admin query). A key cancelled before it
// was shipped made no shipment and is not listed.
var Shipments = bus.Endpoint[ShipmentsRequest, ShipmentsReply]("shipping.Shipments", bus.Idempotent())

// UndeliverableZip is a zip code no shipment reaches, for tests and demos.
const UndeliverableZip = "99999"

// Errors of the shipping module.
var (
	// ErrUndeliverable is returned by Ship for an address it cannot reach.
	ErrUndeliverable = shared.NewReason(shared.CodeConflict, "undeliverable", "address is undeliverable")
	// ErrCancelled refuses a Ship whose key was cancelled before it came.
	ErrCancelled = shared.NewReason(shared.CodeConflict, "shipment_cancelled", "ship key cancelled before it was shipped")
)
