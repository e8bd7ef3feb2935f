package payment

import (
	"net/http"

	"github.com/jubako/jubako/platform/bus"
)

type referenceQuery struct {
	Reference string `query:"reference" description:"the reference given when charging: the order id"`
}

// The payment module's route, for the API document; internal/transport
// mounts it. Charges and refunds are saga steps with no route.
var _ = bus.Routes("payment",
	bus.Route{Method: http.MethodGet, Path: "/api/payment/ledger", Summary: "Charges and refunds of an order, oldest first",
		Access: bus.Admins, Params: referenceQuery{}, Reply: LedgerReply{}},
)
