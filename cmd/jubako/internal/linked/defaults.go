package linked

import (
	"go.uber.org/fx"

	"github.com/jubako/jubako/platform/experiment"
	"github.com/jubako/jubako/platform/host"
)

// shopDefaults are the platform settings that name the shop's own routes:
// the platform knows no module, the binary does.
var shopDefaults = fx.Options(
	// checkout_success_rate measures the shop's checkout route unless an
	// experiment's line names another.
	host.Section("experiments", experiment.Config{CheckoutRoute: "POST /api/checkout"}),
)
