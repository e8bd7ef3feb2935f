package local_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"go.uber.org/fx"

	"github.com/jubako/jubako/modules/catalog"
	"github.com/jubako/jubako/modules/inventory"
	"github.com/jubako/jubako/modules/inventory/local"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

var ctx = context.Background()

// start runs the inventory on be with settings and the extra options,
// beside a catalog that sells every product except those whose id starts
// with UNSOLD.
func start(t *testing.T, be testkit.Backend, settings testkit.Settings, extra ...fx.Option) *testkit.Process {
	t.Helper()
	return testkit.Start(t, be, settings, append(extra, local.Module, fx.Invoke(func(b *bus.Bus) {
		catalog.GetProduct.Handle(b, func(_ context.Context, req catalog.GetProductRequest) (catalog.Product, error) {
			if strings.HasPrefix(req.ID, "UNSOLD") {
				return catalog.Product{}, catalog.ErrProductNotFound
			}
			return catalog.Product{ID: req.ID}, nil
		})
	}))...)
}

func lines(pairs ...any) []inventory.Line {
	var out []inventory.Line
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, inventory.Line{ProductID: pairs[i].(string), Quantity: int32(pairs[i+1].(int))})
	}
	return out
}

func setStock(t *testing.T, p *testkit.Process, product string, onHand int64) {
	t.Helper()
	if _, err := inventory.SetStock.Call(ctx, p.Bus, inventory.SetStockRequest{ProductID: product, OnHand: onHand}); err != nil {
		t.Fatalf("SetStock(%s, %d): %v", product, onHand, err)
	}
}

// level is a product's stock as on_hand/reserved/sold.
type level [3]int64

func stockOf(t *testing.T, p *testkit.Process, product string) level {
	t.Helper()
	s, err := inventory.GetStock.Call(ctx, p.Bus, inventory.StockRequest{ProductID: product})
	if err != nil {
		t.Fatalf("GetStock(%s): %v", product, err)
	}
	return level{s.OnHand, s.Reserved, s.Sold}
}

// expectStock fails t unless every product is at the level given.
func expectStock(t *testing.T, p *testkit.Process, want map[string]level) {
	t.Helper()
	for product, w := range want {
		if got := stockOf(t, p, product); got != w {
			t.Errorf("stock of %s (on hand, reserved, sold) = %v, want %v", product, got, w)
		}
	}
}

// expectErr fails t unless err matches target (nil: no error).
func expectErr(t *testing.T, what string, err, target error) {
	t.Helper()
	switch {
	case target == nil && err != nil:
		t.Fatalf("%s: %v", what, err)
	case target != nil && !errors.Is(err, target):
		t.Fatalf("%s: error %v, want %v", what, err, target)
	}
}

// countRows counts the rows of table in the process's database.
func countRows(t *testing.T, p *testkit.Process, table string) int64 {
	t.Helper()
	var n int64
	if err := p.DB.Table(table).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func isOutOfStock(err error) bool {
	return errors.Is(err, inventory.ErrOutOfStock) && shared.CodeOf(err) == shared.CodeConflict
}

func isAlreadyCommitted(err error) bool { return errors.Is(err, inventory.ErrAlreadyCommitted) }

func isReleased(err error) bool {
	return errors.Is(err, inventory.ErrReleased) && shared.CodeOf(err) == shared.CodeConflict
}
