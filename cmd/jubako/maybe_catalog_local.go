//go:build !split_catalog

package main

import catalog "github.com/jubako/jubako/modules/catalog/local"

func init() { modules = append(modules, catalog.Module) }
