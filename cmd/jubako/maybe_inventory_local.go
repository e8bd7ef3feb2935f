//go:build !split_inventory

package main

import inventorylocal "github.com/jubako/jubako/modules/inventory/local"

func init() { modules = append(modules, inventorylocal.Module) }
