package local_test

import (
	"context"
	"testing"

	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/modules/payment/local"
	"github.com/jubako/jubako/platform/contract"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

func TestContractsOfConsumers(t *testing.T) {
	p := testkit.Start(t, testkit.Main(t), contract.Settings(), local.Module)
	v := contract.NewProvider("payment", p)
	// payment declines this test card number by rule.
	v.State("card 4000000000000002 is declined", func(context.Context) error { return nil })
	v.State("a card was charged with key contract-refund:charge", func(ctx context.Context) error {
		_, err := payment.Charge.Call(ctx, p.Bus, payment.ChargeRequest{
			Key: "contract-refund:charge", Reference: "contract-refund", Amount: shared.Money{CurrencyCode: "EUR", Units: 45},
			Card: payment.CreditCard{Number: "4111111111111111", CVV: 123, ExpirationYear: 2039, ExpirationMonth: 12},
		})
		return err
	})
	v.Verify(t)
}
