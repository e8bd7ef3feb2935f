package local_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jubako/jubako/modules/identity"
	"github.com/jubako/jubako/platform/contract"
	"github.com/jubako/jubako/platform/testkit"
)

func TestContractsOfConsumers(t *testing.T) {
	p := testkit.Start(t, testkit.Main(t), contract.Settings(), modules()...)
	v := contract.NewProvider("identity", p)
	v.State(`an account of shopper@example.com with password "correct horse battery"`, func(ctx context.Context) error {
		_, err := identity.Register.Call(ctx, p.Bus, identity.Credentials{Email: "shopper@example.com", Password: "correct horse battery"})
		if errors.Is(err, identity.ErrEmailTaken) {
			return nil
		}
		return err
	})
	v.Verify(t)
}
