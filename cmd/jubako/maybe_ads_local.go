//go:build !split_ads

package main

import adslocal "github.com/jubako/jubako/modules/ads/local"

func init() { modules = append(modules, adslocal.Module) }
