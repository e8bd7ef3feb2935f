package shared

import _ "github.com/jubako/jubako/modules/cart/local"
