// Package catalog is a contract: a module names its own topics.
package catalog

import "github.com/jubako/jubako/platform/bus"

// PriceChanged is the module's topic.
var PriceChanged = bus.Topic[int]("catalog.price_changed.v1")
