package app

import (
	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/payment"
)

var _, _ = orders.Order{}, payment.Charge
