package storefront

import (
	"net/http"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

type currencyQuery struct {
	Currency string `query:"currency" pattern:"^[A-Za-z]{3}$" description:"ISO 4217 code of the prices; default: the jubako_currency cookie, else USD"`
}

type pageParams struct {
	ID       string `path:"id" description:"a product id, e.g. OLJCESPC7Z"`
	Currency string `query:"currency" pattern:"^[A-Za-z]{3}$" description:"ISO 4217 code of the prices; default: the jubako_currency cookie, else USD"`
}

// notSold is the answer for a product the catalog does not sell.
var notSold = shared.ErrNotFound.With("the product is not in the catalog")

// The pages, for the API document; internal/transport mounts them. A
// page's optional parts left out are named in its degraded list.
var _ = bus.Routes("storefront",
	bus.Route{Method: http.MethodGet, Path: "/bff/web/product/{id}", Summary: "The web product page",
		Description: "The product priced in the caller's currency, up to four recommendations, " +
			"the ad of its first category and the caller's cart count, in one round trip.",
		Params: pageParams{}, Reply: ProductPage{}, Errors: []*shared.Error{notSold}},
	bus.Route{Method: http.MethodGet, Path: "/bff/mobile/product/{id}", Summary: "The mobile product page",
		Description: "Compact: no description, no ad, a thumbnail.",
		Params:      pageParams{}, Reply: MobileProductPage{}, Errors: []*shared.Error{notSold}},
	bus.Route{Method: http.MethodGet, Path: "/bff/web/home", Summary: "The web home page",
		Description: "Every product priced in the caller's currency, and the cart count.",
		Params:      currencyQuery{}, Reply: HomePage{}},
)
