package cart

import (
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

var _ = bus.Topic
var _ shared.Money
