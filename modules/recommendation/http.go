package recommendation

import (
	"net/http"

	"github.com/jubako/jubako/platform/bus"
)

type listQuery struct {
	ProductIDs string `query:"product_ids" description:"comma-separated ids to leave out"`
}

// The recommendation module's route, for the API document;
// internal/transport mounts it.
var _ = bus.Routes("recommendation",
	bus.Route{Method: http.MethodGet, Path: "/api/recommendations", Summary: "Up to five other products, shuffled",
		Params: listQuery{}, Reply: ListReply{}},
)
