package local_test

import (
	"context"
	"testing"

	"github.com/jubako/jubako/modules/ads/local"
	"github.com/jubako/jubako/platform/contract"
	"github.com/jubako/jubako/platform/testkit"
)

func TestContractsOfConsumers(t *testing.T) {
	p := testkit.Start(t, testkit.Main(t), contract.Settings(), local.Module)
	v := contract.NewProvider("ads", p)
	// The ads module's table has an ad for every Online Boutique category.
	v.State("there is an ad for accessories", func(context.Context) error { return nil })
	v.Verify(t)
}
