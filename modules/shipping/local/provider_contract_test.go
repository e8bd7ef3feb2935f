package local_test

import (
	"context"
	"testing"

	currencylocal "github.com/jubako/jubako/modules/currency/local"
	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/modules/shipping/local"
	"github.com/jubako/jubako/platform/contract"
	"github.com/jubako/jubako/platform/testkit"
)

func TestContractsOfConsumers(t *testing.T) {
	p := testkit.Start(t, testkit.Main(t), contract.Settings(), local.Module, currencylocal.Module)
	v := contract.NewProvider("shipping", p)
	// The currency module beside shipping seeds EUR.
	v.State("EUR is supported", func(context.Context) error { return nil })
	v.State("an order was shipped with key contract-cancel:ship", func(ctx context.Context) error {
		_, err := shipping.Ship.Call(ctx, p.Bus, shipping.ShipRequest{
			Key: "contract-cancel:ship", Reference: "contract-cancel",
			Address: shipping.Address{StreetAddress: "1600 Amphitheatre Pkwy", City: "Mountain View", State: "CA", Country: "USA", ZipCode: "94043"},
			Items:   []shipping.Item{{ProductID: "OLJCESPC7Z", Quantity: 1}},
		})
		return err
	})
	v.Verify(t)
}
