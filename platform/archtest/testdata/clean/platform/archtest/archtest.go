// Package archtest alone in platform/ may import modules.
package archtest

import _ "github.com/jubako/jubako/modules/catalog/internal/store"
