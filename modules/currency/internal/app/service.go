// Package app holds the currency module's use cases, one per file. They
// serve the endpoints of the currency contract.
package app

import "github.com/jubako/jubako/modules/currency/internal/rates"

// Service answers currency queries from one rate table.
type Service struct {
	rates rates.Table
}

// New returns a Service over table.
func New(table rates.Table) *Service { return &Service{rates: table} }
