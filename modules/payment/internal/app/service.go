// Package app holds the payment module's use cases, one per file.
package app

import "github.com/jubako/jubako/modules/payment/internal/store"

// Service runs the payment use cases.
type Service struct {
	ledger *store.Ledger
}

// New returns the service.
func New(ledger *store.Ledger) *Service {
	return &Service{ledger: ledger}
}
