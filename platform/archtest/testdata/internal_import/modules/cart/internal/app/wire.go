package app

// Another module's protocol code is for clients outside jubako, not for modules.
import _ "github.com/jubako/jubako/modules/catalog/pb"
