package inventory

import (
	"net/http"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

// StockUpdate is the body of PUT /api/inventory/stock/{product_id}.
type StockUpdate struct {
	OnHand *int64 `json:"on_hand" nullable:"false"`
}

type stockPath struct {
	ProductID string `path:"product_id" description:"a catalog product's id"`
}

// notInCatalog is the answer for a product the catalog does not sell.
var notInCatalog = shared.ErrNotFound.With("the product is not in the catalog")

// The inventory's routes, for the API document; internal/transport mounts
// them.
var _ = bus.Routes("inventory",
	bus.Route{Method: http.MethodGet, Path: "/api/inventory/stock/{product_id}", Summary: "A product's stock",
		Params: stockPath{}, Reply: Stock{}, Errors: []*shared.Error{notInCatalog}},
	bus.Route{Method: http.MethodPut, Path: "/api/inventory/stock/{product_id}", Summary: "Set a product's stock on hand",
		Access: bus.Admins, Params: stockPath{}, Body: StockUpdate{}, Reply: Stock{}, Errors: []*shared.Error{notInCatalog}},
)
