package local_test

import (
	"context"
	"testing"

	cataloglocal "github.com/jubako/jubako/modules/catalog/local"
	"github.com/jubako/jubako/modules/recommendation/local"
	"github.com/jubako/jubako/platform/contract"
	"github.com/jubako/jubako/platform/testkit"
)

func TestContractsOfConsumers(t *testing.T) {
	p := testkit.Start(t, testkit.Main(t), contract.Settings(), local.Module, cataloglocal.Module)
	v := contract.NewProvider("recommendation", p)
	// The catalog beside the recommendations seeds Online Boutique's nine products.
	v.State("the catalog sells more than OLJCESPC7Z", func(context.Context) error { return nil })
	v.Verify(t)
}
