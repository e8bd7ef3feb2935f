// Package cart is a contract that reuses another contract's DTO.
package cart

import "github.com/jubako/jubako/modules/catalog"

// Line holds a catalog DTO.
type Line struct{ Product catalog.Product }
