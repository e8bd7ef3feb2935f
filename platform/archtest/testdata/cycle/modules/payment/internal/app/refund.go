package app

// A second import along the same edge reports no second cycle.
import "github.com/jubako/jubako/modules/orders"

var _ = orders.Order{}
