package notification

import (
	"net/http"

	"github.com/jubako/jubako/platform/bus"
)

type orderQuery struct {
	OrderID string `query:"order_id" description:"the order id"`
}

// The notification module's route, for the API document;
// internal/transport mounts it. Sending is a saga step with no route.
var _ = bus.Routes("notification",
	bus.Route{Method: http.MethodGet, Path: "/api/notification/mails", Summary: "Mails sent for an order, oldest first",
		Access: bus.Admins, Params: orderQuery{}, Reply: MailsReply{}},
)
