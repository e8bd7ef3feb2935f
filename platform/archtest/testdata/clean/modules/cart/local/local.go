package local

import "go.uber.org/fx"

// Module wires cart.
var Module = fx.Module("cart")
