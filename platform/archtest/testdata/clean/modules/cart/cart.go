// Package cart is the contract of the fake cart module.
package cart

import "github.com/jubako/jubako/shared"

// Item is a DTO.
type Item struct{ ProductID shared.ID }
