//go:build !split_shipping

package main

import shippinglocal "github.com/jubako/jubako/modules/shipping/local"

func init() { modules = append(modules, shippinglocal.Module) }
