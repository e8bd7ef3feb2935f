package currency

import (
	"net/http"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

// The currency module's routes, for the API document; internal/transport
// mounts them.
var _ = bus.Routes("currency",
	bus.Route{Method: http.MethodGet, Path: "/api/currency/currencies", Summary: "Supported currencies: ISO 4217 codes, sorted",
		Reply: SupportedReply{}},
	bus.Route{Method: http.MethodPost, Path: "/api/currency/convert", Summary: "Convert an amount exactly (half to even, to whole nanos)",
		Body: ConvertRequest{}, Reply: shared.Money{}, Errors: []*shared.Error{ErrUnsupportedCurrency}},
)
