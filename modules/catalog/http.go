package catalog

import (
	"net/http"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

// PriceUpdate is the body of PUT /api/catalog/products/{id}/price.
type PriceUpdate struct {
	PriceUSD *shared.Money `json:"price_usd" nullable:"false"`
}

type productPath struct {
	ID string `path:"id" description:"a product id, e.g. OLJCESPC7Z"`
}

type searchQuery struct {
	Q string `query:"q" description:"case-insensitive search in names and descriptions"`
}

// The catalog's routes, for the API document; internal/transport mounts
// them.
var _ = bus.Routes("catalog",
	bus.Route{Method: http.MethodGet, Path: "/api/catalog/products", Summary: "List or search products, in name order",
		Params: searchQuery{}, Reply: ListProductsReply{}},
	bus.Route{Method: http.MethodGet, Path: "/api/catalog/products/{id}", Summary: "One product",
		Params: productPath{}, Reply: Product{}, Errors: []*shared.Error{ErrProductNotFound}},
	bus.Route{Method: http.MethodPut, Path: "/api/catalog/products/{id}/price", Summary: "Set a product's USD price",
		Description: "Publishes catalog.price_changed.v1 when the price changes.", Access: bus.Admins,
		Params: productPath{}, Body: PriceUpdate{}, Reply: Product{}, Errors: []*shared.Error{ErrProductNotFound}},
)
