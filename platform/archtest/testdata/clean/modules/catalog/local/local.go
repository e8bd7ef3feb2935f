package local

import (
	"go.uber.org/fx"

	"github.com/jubako/jubako/modules/catalog/internal/store"
	"github.com/jubako/jubako/platform/db"
)

// Module wires catalog.
var Module = fx.Module("catalog", fx.Supply(store.Product{}, db.Config{}))
