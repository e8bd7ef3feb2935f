package local

import (
	catalog "github.com/jubako/jubako/modules/catalog/local"
)

// Module wires cart, and wrongly catalog too.
var Module = catalog.Module
