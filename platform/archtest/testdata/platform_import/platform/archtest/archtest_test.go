package archtest

import _ "github.com/jubako/jubako/modules/catalog/local"
