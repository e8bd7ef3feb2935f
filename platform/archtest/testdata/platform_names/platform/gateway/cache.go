// Package gateway caches the catalog's products: comments may say so.
package gateway

import "github.com/jubako/jubako/modules/catalog"

var routes = map[string]string{
	"product": "/api/catalog/products/:id",
	"event":   "catalog.price_changed.v1",
}

const help = `routes are cached
until ORDERS changes them` + "cart_items"

var _ = catalog.PriceChanged
