package local_test

import (
	"testing"

	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/platform/contract"
)

// TestContracts declares what notification reads of a completed
// choreographed order to mail its confirmation.
func TestContracts(t *testing.T) {
	p := contract.Between("notification", "purchase")
	money := contract.Object(contract.Fields{"currency_code": contract.String(), "units": contract.Integer(), "nanos": contract.Integer()})
	contract.Listen(p, "mails the confirmation of a completed order", purchase.OrderCompleted, contract.Object(contract.Fields{
		"order_id": contract.String(),
		"email":    contract.String(),
		"lines": contract.Array(contract.Object(contract.Fields{
			"product_id": contract.String(), "name": contract.String(), "quantity": contract.Integer(), "total": money,
		})),
		"shipping":    money,
		"total":       money,
		"tracking_id": contract.String(),
	}))
	contract.Check(t, p)
}
