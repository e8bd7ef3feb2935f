//go:build !split_cart

package main

import cartlocal "github.com/jubako/jubako/modules/cart/local"

func init() { modules = append(modules, cartlocal.Module) }
