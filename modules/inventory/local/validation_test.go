package local_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/jubako/jubako/modules/inventory"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

func TestBadInputNamesTheField(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be, nil)
		reserveWith := func(key string, ls ...inventory.Line) func() error {
			return func() error {
				_, err := inventory.Reserve.Call(ctx, p.Bus, inventory.ReserveRequest{Key: key, Lines: ls})
				return err
			}
		}
		tooMany := make([]inventory.Line, 101)
		for i := range tooMany {
			tooMany[i] = inventory.Line{ProductID: strings.Repeat("x", i+1), Quantity: 1}
		}
		for _, tc := range []struct {
			name  string
			call  func() error
			field string
		}{
			{"reserve without key", reserveWith("", lines("A", 1)...), "key"},
			{"reserve with blank key", reserveWith("  ", lines("A", 1)...), "key"},
			{"reserve with long key", reserveWith(strings.Repeat("k", 201), lines("A", 1)...), "key"},
			{"reserve without lines", reserveWith("k"), "lines"},
			{"reserve too many lines", reserveWith("k", tooMany...), "lines"},
			{"zero quantity", reserveWith("k", lines("A", 1, "B", 0)...), "lines[1].quantity"},
			{"negative quantity", reserveWith("k", lines("A", -1)...), "lines[0].quantity"},
			{"quantity too large", reserveWith("k", lines("A", 10001)...), "lines[0].quantity"},
			{"no product id", reserveWith("k", lines("A", 1, "", 1)...), "lines[1].product_id"},
			{"same product twice", reserveWith("k", lines("A", 1, "B", 1, "A", 2)...), "lines[2].product_id"},
			{"release without key", func() error {
				_, err := inventory.Release.Call(ctx, p.Bus, inventory.KeyRequest{})
				return err
			}, "key"},
			{"commit without key", func() error {
				_, err := inventory.Commit.Call(ctx, p.Bus, inventory.KeyRequest{})
				return err
			}, "key"},
			{"stock of no product", func() error {
				_, err := inventory.GetStock.Call(ctx, p.Bus, inventory.StockRequest{})
				return err
			}, "product_id"},
			{"negative stock", func() error {
				_, err := inventory.SetStock.Call(ctx, p.Bus, inventory.SetStockRequest{ProductID: "A", OnHand: -1})
				return err
			}, "on_hand"},
			{"stock above a billion", func() error {
				_, err := inventory.SetStock.Call(ctx, p.Bus, inventory.SetStockRequest{ProductID: "A", OnHand: 1_000_000_001})
				return err
			}, "on_hand"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				err := tc.call()
				if !errors.Is(err, shared.ErrInvalid) || shared.AsError(err).Field != tc.field {
					t.Errorf("error %v, want Invalid naming field %q", err, tc.field)
				}
			})
		}
		expectStock(t, p, map[string]level{"A": {1000, 0, 0}})
		if n := countRows(t, p, "inventory_stock") + countRows(t, p, "inventory_reservations"); n != 0 {
			t.Errorf("rejected calls stored %d rows", n)
		}
	})
}
