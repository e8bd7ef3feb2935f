package local_test

import (
	"context"
	"testing"

	"github.com/jubako/jubako/modules/notification"
	"github.com/jubako/jubako/modules/notification/local"
	"github.com/jubako/jubako/platform/contract"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

func TestContractsOfConsumers(t *testing.T) {
	p := testkit.Start(t, testkit.Main(t), contract.Settings(), local.Module)
	v := contract.NewProvider("notification", p)
	v.State("the confirmation of contract-mailed-order was mailed", func(ctx context.Context) error {
		eur := shared.Money{CurrencyCode: "EUR", Units: 45}
		_, err := notification.SendConfirmation.Call(ctx, p.Bus, notification.ConfirmationRequest{
			OrderID: "contract-mailed-order", Email: "ada@example.com", TrackingID: "TRACK-1", Shipping: eur, Total: eur,
			Lines: []notification.OrderLine{{ProductID: "OLJCESPC7Z", Name: "Sunglasses", Quantity: 1, Price: eur}},
		})
		return err
	})
	v.Verify(t)
}
