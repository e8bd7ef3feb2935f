// Package fixture sits in testdata, which the checker skips like the go tool.
package fixture

import _ "github.com/jubako/jubako/modules/catalog/internal/store"

const q = "SELECT * FROM jubako_outbox"
