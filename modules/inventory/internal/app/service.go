// Package app holds the inventory's use cases, one per file.
package app

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/inventory/internal/domain"
	"github.com/jubako/jubako/modules/inventory/internal/store"
	"github.com/jubako/jubako/platform/db"
)

// transitionAttempts bounds how often a use case retries a status
// transition that a concurrent commit made it miss. Statuses only move
// forward, so a second attempt settles it; more mean a bug.
const transitionAttempts = 3

// errNoTransition reports a reservation that a read kept showing in a
// status that every conditional update out of it missed.
func errNoTransition(key string) error {
	return fmt.Errorf("reservation %q: no status transition applied in %d attempts", key, transitionAttempts)
}

// Service runs the inventory's use cases.
type Service struct {
	db    *db.DB
	store *store.Store
	cfg   Config
}

// New returns the service.
func New(d *db.DB, s *store.Store, cfg Config) *Service {
	return &Service{db: d, store: s, cfg: cfg}
}

// ExpiryInterval is how often ReleaseExpired should run.
func (s *Service) ExpiryInterval() time.Duration { return s.cfg.ExpiryInterval }

// moveLines applies move to every line of the reservation made with key,
// in product order, and returns the reservation.
func (s *Service) moveLines(ctx context.Context, tx *gorm.DB, key string, move func(*gorm.DB, string, int32) error) (domain.Reservation, error) {
	r, _, err := s.store.Reservation(ctx, tx, key)
	if err != nil {
		return r, err
	}
	for _, l := range r.Lines {
		if err := move(tx, l.ProductID, l.Quantity); err != nil {
			return r, err
		}
	}
	return r, nil
}
