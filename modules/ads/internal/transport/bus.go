// Package transport exposes ads over the bus and HTTP.
package transport

import (
	"github.com/jubako/jubako/modules/ads"
	"github.com/jubako/jubako/modules/ads/internal/app"
	"github.com/jubako/jubako/platform/bus"
)

// RegisterBus serves ads.Get.
func RegisterBus(b *bus.Bus) {
	ads.Get.Handle(b, app.Get)
}
