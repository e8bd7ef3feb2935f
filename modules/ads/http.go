package ads

import (
	"net/http"

	"github.com/jubako/jubako/platform/bus"
)

type contextQuery struct {
	Context string `query:"context" description:"comma-separated categories; random ads when none match"`
}

// The ads module's route, for the API document; internal/transport mounts
// it.
var _ = bus.Routes("ads",
	bus.Route{Method: http.MethodGet, Path: "/api/ads", Summary: "Ads by context", Params: contextQuery{}, Reply: GetReply{}},
)
