package app

// cart depends on the cycle without being on it.
import "github.com/jubako/jubako/modules/orders"

var _ = orders.Order{}
