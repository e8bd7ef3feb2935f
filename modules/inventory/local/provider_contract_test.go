package local_test

import (
	"context"
	"testing"

	cataloglocal "github.com/jubako/jubako/modules/catalog/local"
	"github.com/jubako/jubako/modules/inventory"
	"github.com/jubako/jubako/modules/inventory/local"
	"github.com/jubako/jubako/platform/contract"
	"github.com/jubako/jubako/platform/testkit"
)

func TestContractsOfConsumers(t *testing.T) {
	p := testkit.Start(t, testkit.Main(t), contract.Settings(), local.Module, cataloglocal.Module)
	v := contract.NewProvider("inventory", p)
	stock := func(ctx context.Context) error {
		_, err := inventory.SetStock.Call(ctx, p.Bus, inventory.SetStockRequest{ProductID: "OLJCESPC7Z", OnHand: 10})
		return err
	}
	v.State("OLJCESPC7Z has 10 on hand", stock)
	for _, key := range []string{"contract-release:reserve", "contract-commit:reserve"} {
		v.State("stock is reserved with key "+key, func(ctx context.Context) error {
			if err := stock(ctx); err != nil {
				return err
			}
			_, err := inventory.Reserve.Call(ctx, p.Bus, inventory.ReserveRequest{Key: key, Reference: key, Lines: lines("OLJCESPC7Z", 1)})
			return err
		})
	}
	v.Verify(t)
}
