// Package catalog is the public contract of the catalog module: Online
// Boutique's products, their USD prices and the event raised when a price
// changes. Other modules import this package and nothing else of catalog.
package catalog

import (
	"time"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

// Product is one item of the shop.
type Product struct {
	ID          string       `json:"id"`
	Name        string       `json:"name"`
	Description string       `json:"description"`
	Picture     string       `json:"picture"`
	PriceUSD    shared.Money `json:"price_usd"`
	Categories  []string     `json:"categories"`
}

// GetProductRequest names a product.
type GetProductRequest struct {
	ID string `json:"id"`
}

// GetProduct returns one product, or ErrProductNotFound.
var GetProduct = bus.Endpoint[GetProductRequest, Product]("catalog.GetProduct", bus.Idempotent(), bus.LastGood())

// ListProductsRequest filters the catalog. An empty Query lists everything;
// otherwise products whose name or description contains it, ignoring case.
type ListProductsRequest struct {
	Query string `json:"query,omitempty"`
}

// ListProductsReply holds products in name order.
type ListProductsReply struct {
	Products []Product `json:"products"`
}

// ListProducts lists or searches the catalog.
var ListProducts = bus.Endpoint[ListProductsRequest, ListProductsReply]("catalog.ListProducts", bus.Idempotent(), bus.LastGood())

// UpdatePriceRequest sets a product's price; PriceUSD must be in USD and not
// negative.
type UpdatePriceRequest struct {
	ID       string       `json:"id"`
	PriceUSD shared.Money `json:"price_usd"`
}

// UpdatePrice changes a price and publishes PriceChanged in the same
// transaction. Setting the current price again changes nothing and
// publishes nothing, so the call is idempotent.
var UpdatePrice = bus.Endpoint[UpdatePriceRequest, Product]("catalog.UpdatePrice", bus.Idempotent())

// PriceChangedEvent says a product's price changed.
type PriceChangedEvent struct {
	ProductID string       `json:"product_id"`
	Old       shared.Money `json:"old"`
	New       shared.Money `json:"new"`
	ChangedAt time.Time    `json:"changed_at"`
}

// PriceChanged is published through the outbox whenever a price changes.
var PriceChanged = bus.Topic[PriceChangedEvent]("catalog.price_changed.v1")

// ErrProductNotFound is returned for an unknown product id.
var ErrProductNotFound = shared.NewReason(shared.CodeNotFound, "product_not_found", "product not found")
