// Package local runs the currency module in this process: its rate table,
// bus handlers and HTTP routes. The module owns no tables, so it brings no
// migration.
package local

import (
	"go.uber.org/fx"

	currencyapp "github.com/jubako/jubako/modules/currency/internal/app"
	"github.com/jubako/jubako/modules/currency/internal/rates"
	"github.com/jubako/jubako/modules/currency/internal/transport"
	"github.com/jubako/jubako/platform/app"
)

// Module serves the currency contract from the embedded rate table.
var Module = app.Module("currency",
	fx.Provide(fx.Private, rates.Default, currencyapp.New),
	fx.Invoke(transport.Register, transport.Mount),
)
