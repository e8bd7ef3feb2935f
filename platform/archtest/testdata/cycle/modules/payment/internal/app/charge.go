package app

import "github.com/jubako/jubako/modules/orders"

var _ = orders.Order{}
