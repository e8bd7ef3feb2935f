//go:build !split_recommendation

package main

import recommendationlocal "github.com/jubako/jubako/modules/recommendation/local"

func init() { modules = append(modules, recommendationlocal.Module) }
