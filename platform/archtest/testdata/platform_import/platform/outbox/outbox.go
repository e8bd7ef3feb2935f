package outbox

import (
	"context"

	"github.com/jubako/jubako/modules/catalog"
)

var _ = context.Background
var _ catalog.Product
