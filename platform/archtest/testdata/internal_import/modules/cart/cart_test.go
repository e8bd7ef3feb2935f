package cart_test

// Test files of a module obey the rule too.
import _ "github.com/jubako/jubako/modules/catalog/internal/store"
