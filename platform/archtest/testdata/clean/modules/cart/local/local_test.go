package local_test

import (
	catalog "github.com/jubako/jubako/modules/catalog/local"
)

// A module's own local tests may start other modules to run against.
var _ = catalog.Module
