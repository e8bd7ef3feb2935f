package archtest

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// want is one expected violation: where, which rule, and a piece of the
// detail naming the offender.
type want struct {
	at      string // file:line
	rule    Rule
	mention string
}

// TestCheck runs Check on the fake trees under testdata/ and expects exactly
// the listed violations, so dropping or loosening any rule fails a case.
func TestCheck(t *testing.T) {
	const mod = Repo + "/modules/"
	tests := []struct {
		tree string
		want []want
	}{
		{tree: "clean"},
		{tree: "internal_import", want: []want{
			{"cmd/jubako/main.go:4", RuleContractOnly, `"` + mod + `catalog/internal/store" instead of its contract "` + mod + `catalog"`},
			{"modules/cart/cart_test.go:4", RuleContractOnly, mod + "catalog/internal/store"},
			{"modules/cart/internal/app/add.go:7", RuleContractOnly, mod + "catalog/internal/store"},
			{"modules/cart/internal/app/wire.go:4", RuleContractOnly, mod + "catalog/pb"},
		}},
		{tree: "local_import", want: []want{
			{"cmd/tool/main.go:4", RuleCompositionRoot, mod + "catalog/local"},
			{"modules/cart/local/local.go:4", RuleCompositionRoot, mod + "catalog/local"},
			{"shared/wire.go:3", RuleKnowsNoModule, mod + "cart/local"},
		}},
		{tree: "contract_gorm", want: []want{
			{"modules/cart/cart.go:4", RuleContractImports, `"` + mod + `catalog"`},
			{"modules/catalog/catalog.go:7", RuleContractImports, `"gorm.io/gorm"`},
			{"modules/catalog/catalog.go:10", RuleContractImports, Repo + "/platform/db"},
		}},
		{tree: "contract_links", want: []want{
			{"modules/cart/cart.go:4", RuleContractLinks, `links "gorm.io/gorm" through platform/bus → platform/outbox`},
		}},
		{tree: "platform_import", want: []want{
			{"platform/outbox/outbox.go:6", RuleKnowsNoModule, `"` + mod + `catalog"`},
			{"platform/outbox/outbox_test.go:6", RuleKnowsNoModule, mod + "catalog/local"},
		}},
		{tree: "table_prefix", want: []want{
			{"migrations/catalog/00001_products.sql:3", RuleTablePrefix, `"products" (want prefix "catalog_")`},
			{"migrations/catalog/00001_products.sql:4", RuleTablePrefix, `"cart_items"`},
			{"migrations/catalog/00001_products.sql:6", RuleTablePrefix, `"catalogue_prices"`},
			{"migrations/jubako/00001_outbox.sql:2", RuleTablePrefix, `"outbox" (want prefix "jubako_")`},
		}},
		{tree: "foreign_table", want: []want{
			{"modules/cart/cart_test.go:5", RuleForeignTable, `"catalog_products" of module catalog`},
			{"modules/cart/internal/store/item.go:7", RuleForeignTable, `"catalog_products"`},
			{"modules/cart/internal/store/item.go:13", RuleForeignTable, `"catalog_products"`},
			{"modules/cart/internal/store/item.go:17", RuleForeignTable, `"catalog_products"`},
		}},
		{tree: "platform_table", want: []want{
			{"modules/orders/internal/store/outbox.go:7", RuleForeignTable, `"jubako_outbox" of the platform`},
			{"modules/orders/internal/store/outbox.go:9", RuleForeignTable, `"jubako_outbox_deliveries" of the platform`},
		}},
		{tree: "platform_names", want: []want{
			{"platform/console/colors.go:5", RuleKnowsNoName, `literal "json:\"orders\"" names module orders`},
			{"platform/console/colors.go:8", RuleKnowsNoName, `literal "cart" names module cart`},
			{"platform/gateway/cache.go:4", RuleKnowsNoModule, `"` + mod + `catalog"`},
			{"platform/gateway/cache.go:7", RuleKnowsNoName, `literal "/api/catalog/products/:id" names module catalog`},
			{"platform/gateway/cache.go:8", RuleKnowsNoName, `literal "catalog.price_changed.v1" names module catalog`},
			{"platform/gateway/cache.go:12", RuleKnowsNoName, `literal "cart_items" names module cart`},
			{"platform/gateway/cache.go:12", RuleKnowsNoName, `literal "until ORDERS changes them" names module orders`},
		}},
		{tree: "cycle", want: []want{
			{"modules/orders/internal/app/place.go:5", RuleModuleCycle, "orders → payment → orders"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.tree, func(t *testing.T) {
			got, err := Check(filepath.Join("testdata", tt.tree))
			if err != nil {
				t.Fatal(err)
			}
			if !matches(got, tt.want) {
				t.Errorf("Check(%s) found:\n%s\nwant:\n%s", tt.tree, lines(got), lines(tt.want))
			}
		})
	}
}

// matches reports whether got holds exactly the wanted violations, in order.
func matches(got []Violation, wanted []want) bool {
	return slices.EqualFunc(got, wanted, func(v Violation, w want) bool {
		return fmt.Sprintf("%s:%d", v.File, v.Line) == w.at && v.Rule == w.rule &&
			strings.Contains(v.Detail, w.mention)
	})
}

// lines prints one item per line for a readable failure.
func lines[T any](items []T) string {
	var b strings.Builder
	for _, item := range items {
		fmt.Fprintf(&b, "\t%v\n", item)
	}
	return b.String()
}
