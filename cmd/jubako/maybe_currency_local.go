//go:build !split_currency

package main

import currencylocal "github.com/jubako/jubako/modules/currency/local"

func init() { modules = append(modules, currencylocal.Module) }
