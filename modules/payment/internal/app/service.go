// Package app holds the payment module's use cases, one per file.
package app

import (
	"time"

	"github.com/jubako/jubako/modules/payment/internal/store"
	"github.com/jubako/jubako/platform/db"
)

// Service runs the payment use cases.
type Service struct {
	db     *db.DB
	ledger *store.Ledger
	holds  *store.Holds
	cfg    Config
}

// New returns the service.
func New(d *db.DB, ledger *store.Ledger, holds *store.Holds, cfg Config) *Service {
	return &Service{db: d, ledger: ledger, holds: holds, cfg: cfg}
}

// HoldSweepInterval is how often SweepHolds should run.
func (s *Service) HoldSweepInterval() time.Duration { return s.cfg.HoldSweepInterval }
