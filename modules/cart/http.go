package cart

import (
	"net/http"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

// The cart's routes, for the API document; internal/transport mounts them.
// The cart is always the caller's: the user of the token, or the guest of
// the jubako_session cookie, set on first use. Its answers leave user_id
// empty, since a guest's id is their session's secret.
var _ = bus.Routes("cart",
	bus.Route{Method: http.MethodGet, Path: "/api/cart", Summary: "The caller's cart", Reply: Cart{}},
	bus.Route{Method: http.MethodPost, Path: "/api/cart/items", Summary: "Add to the caller's cart",
		Description: "Quantity 1–100; a product holds at most 100 in a cart.",
		Body:        Item{}, Reply: Cart{},
		Errors: []*shared.Error{ErrTooMany, shared.ErrNotFound.With("the product is not in the catalog")}},
	bus.Route{Method: http.MethodDelete, Path: "/api/cart", Summary: "Empty the caller's cart", Reply: Cart{}},
)
