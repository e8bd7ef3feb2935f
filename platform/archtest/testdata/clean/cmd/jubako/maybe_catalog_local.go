//go:build !split_catalog

package main

import catalog "github.com/jubako/jubako/modules/catalog/local"

var _ = catalog.Module
