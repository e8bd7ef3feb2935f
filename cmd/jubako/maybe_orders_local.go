//go:build !split_orders

package main

import orders "github.com/jubako/jubako/modules/orders/local"

func init() { modules = append(modules, orders.Module) }
