package domain

import (
	"time"

	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/shared"
)

// Hold is a card kept to charge Amount under Reference (an order id) once
// a choreographed checkout asks for it.
type Hold struct {
	Reference string
	Amount    shared.Money
	Card      payment.CreditCard
	HeldAt    time.Time
}
