package local_test

import (
	"context"
	"testing"

	"github.com/jubako/jubako/modules/currency/local"
	"github.com/jubako/jubako/platform/contract"
	"github.com/jubako/jubako/platform/testkit"
)

func TestContractsOfConsumers(t *testing.T) {
	p := testkit.Start(t, testkit.Main(t), contract.Settings(), local.Module)
	v := contract.NewProvider("currency", p)
	// The rates the currency module seeds support EUR and not XYZ.
	seeded := func(context.Context) error { return nil }
	v.State("EUR is supported", seeded)
	v.State("XYZ is not supported", seeded)
	v.Verify(t)
}
