package app

import (
	"github.com/jubako/jubako/modules/cart"
	"github.com/jubako/jubako/modules/cart/internal/store"
	"github.com/jubako/jubako/modules/catalog"
)

// Add calls catalog through its contract; "/api/catalog/products" names no table.
func Add(i cart.Item) (catalog.Product, store.Row) {
	return catalog.Product{}, store.Row{}
}
