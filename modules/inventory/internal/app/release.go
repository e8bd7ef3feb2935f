package app

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/inventory"
	"github.com/jubako/jubako/modules/inventory/internal/domain"
)

// Release returns a held reservation's stock to on hand. A reservation
// already released (or expired), or never made, is left as it is: the
// saga compensates steps whose outcome it never learned. A committed one
// is ErrAlreadyCommitted.
func (s *Service) Release(ctx context.Context, req inventory.KeyRequest) (inventory.Reservation, error) {
	if err := domain.ValidateKey(req.Key); err != nil {
		return inventory.Reservation{}, err
	}
	var out inventory.Reservation
	err := s.db.Transact(ctx, func(tx *gorm.DB) error {
		r, err := s.release(ctx, tx, req.Key)
		out = r.Reservation
		return err
	})
	if err != nil {
		return inventory.Reservation{}, fmt.Errorf("release stock: %w", err)
	}
	return out, nil
}

// release moves the reservation made with key from RESERVED to RELEASED
// and returns its stock.
func (s *Service) release(ctx context.Context, tx *gorm.DB, key string) (domain.Reservation, error) {
	released, err := s.store.Transition(tx, key, inventory.StatusReserved, inventory.StatusReleased, time.Time{})
	if err != nil {
		return domain.Reservation{}, err
	}
	if released {
		return s.moveLines(ctx, tx, key, s.store.Unreserve)
	}
	r, found, err := s.store.Reservation(ctx, tx, key)
	switch {
	case err != nil:
		return r, err
	case !found:
		return domain.Reservation{Reservation: inventory.Reservation{Key: key, Status: inventory.StatusReleased}}, nil
	case r.Status == inventory.StatusCommitted:
		return r, inventory.ErrAlreadyCommitted.With("reservation %q was committed, its stock is sold", key)
	}
	return r, nil
}
