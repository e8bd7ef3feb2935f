package shipping

import (
	"net/http"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

type referenceQuery struct {
	Reference string `query:"reference" description:"the reference given when shipping: the order id"`
}

// The shipping module's routes, for the API document; internal/transport
// mounts them. Ship and Cancel are saga steps with no route.
var _ = bus.Routes("shipping",
	bus.Route{Method: http.MethodPost, Path: "/api/shipping/quote", Summary: "Shipping cost of items, in a currency",
		Description: "8.99 USD for a non-empty order, 0 for an empty one, converted.",
		Body:        QuoteRequest{}, Reply: shared.Money{}},
	bus.Route{Method: http.MethodGet, Path: "/api/shipping/shipments", Summary: "Shipments of an order, oldest first",
		Access: bus.Admins, Params: referenceQuery{}, Reply: ShipmentsReply{}},
)
