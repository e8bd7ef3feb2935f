package app

// An import of one's own contract is no edge.
import "github.com/jubako/jubako/modules/shipping"

var _ = shipping.Ship
