package local_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/jubako/jubako/modules/catalog"
	"github.com/jubako/jubako/modules/catalog/local"
	"github.com/jubako/jubako/platform/contract"
	"github.com/jubako/jubako/platform/testkit"
)

// seeded is the state of the products the catalog seeds: nothing to do.
func seeded(context.Context) error { return nil }

func TestContractsOfConsumers(t *testing.T) {
	p := testkit.Start(t, testkit.Main(t), contract.Settings(), local.Module)
	v := contract.NewProvider("catalog", p)
	v.State("product OLJCESPC7Z is sold", seeded)
	v.State("product RETIRED is not sold", seeded)
	v.Verify(t)

	t.Run("a renamed reply field fails its consumer", func(t *testing.T) {
		c, i := orderPricing(t)
		reply, err := p.Bus.Serve(t.Context(), catalog.GetProduct.Info().Name, i.Request)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Check(i, reply, nil); err != nil {
			t.Fatalf("the catalog's own reply: %v", err)
		}
		renamed := editPrice(t, reply, func(price map[string]any) { price["unit"] = price["units"]; delete(price, "units") })
		err = c.Check(i, renamed, nil)
		want := `contract orders → catalog, interaction "prices a line of the cart" (catalog.GetProduct, given "product OLJCESPC7Z is sold"): reply price_usd.units: missing, want integer`
		if err == nil || err.Error() != want {
			t.Errorf("with price_usd.units renamed price_usd.unit:\n got %v\nwant %s", err, want)
		}
	})
	t.Run("an extra reply field passes", func(t *testing.T) {
		c, i := orderPricing(t)
		reply, err := p.Bus.Serve(t.Context(), catalog.GetProduct.Info().Name, i.Request)
		if err != nil {
			t.Fatal(err)
		}
		extra := editPrice(t, reply, func(price map[string]any) { price["symbol"] = "$" })
		if err := c.Check(i, extra, nil); err != nil {
			t.Errorf("with price_usd.symbol added: %v", err)
		}
	})
}

// orderPricing is the orders' contract with the catalog and its
// interaction that prices a line of the cart.
func orderPricing(t *testing.T) (*contract.Contract, *contract.Interaction) {
	t.Helper()
	all, err := contract.Load(filepath.Join(testkit.RepoRoot(t), contract.Dir), "catalog")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range all {
		if i := c.Interaction("prices a line of the cart"); c.Consumer == "orders" && i != nil {
			return c, i
		}
	}
	t.Fatal("no contract of orders prices a line of the cart")
	return nil, nil
}

// editPrice changes the price_usd object of a product reply.
func editPrice(t *testing.T, reply []byte, edit func(price map[string]any)) []byte {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(reply, &doc); err != nil {
		t.Fatal(err)
	}
	price, ok := doc["price_usd"].(map[string]any)
	if !ok {
		t.Fatalf("the reply has no price_usd object: %s", reply)
	}
	edit(price)
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
