package app

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/inventory"
	"github.com/jubako/jubako/modules/inventory/internal/domain"
	"github.com/jubako/jubako/platform/db"
)

// Release returns a held reservation's stock to on hand. A reservation
// already released (or expired) is left as it is. A key never reserved is
// recorded as released, a tombstone, so that a Reserve arriving late —
// after the saga compensated a step whose outcome it never learned — takes
// nothing. A committed reservation is ErrAlreadyCommitted.
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

// release releases the reservation made with key, or else records the
// key's tombstone. The tombstone and a concurrent Reserve race for the
// key's one row: if the Reserve wins, its reservation is released instead.
func (s *Service) release(ctx context.Context, tx *gorm.DB, key string) (domain.Reservation, error) {
	r, found, err := s.releaseExisting(ctx, tx, key)
	if err != nil || found {
		return r, err
	}
	tomb := domain.Tombstone(key, db.Now())
	created, err := s.store.CreateReservation(tx, tomb)
	if err != nil || created {
		return tomb, err
	}
	r, found, err = s.releaseExisting(ctx, tx, key)
	if err == nil && !found {
		err = fmt.Errorf("reservation %q vanished after a conflicting insert", key)
	}
	return r, err
}

// releaseExisting moves the reservation made with key from RESERVED to
// RELEASED and returns its stock, and reports false when there is no
// reservation with the key. On PostgreSQL the update skips a reservation
// whose Reserve commits just after it looked, which the next read sees
// still RESERVED: then the update is tried again.
func (s *Service) releaseExisting(ctx context.Context, tx *gorm.DB, key string) (domain.Reservation, bool, error) {
	for range transitionAttempts {
		released, err := s.store.Transition(tx, key, inventory.StatusReserved, inventory.StatusReleased, time.Time{})
		if err != nil {
			return domain.Reservation{}, false, err
		}
		if released {
			r, err := s.moveLines(ctx, tx, key, s.store.Unreserve)
			return r, true, err
		}
		r, found, err := s.store.Reservation(ctx, tx, key)
		switch {
		case err != nil || !found:
			return r, found, err
		case r.Status == inventory.StatusCommitted:
			return r, true, inventory.ErrAlreadyCommitted.With("reservation %q was committed, its stock is sold", key)
		case r.Status != inventory.StatusReserved:
			return r, true, nil
		}
	}
	return domain.Reservation{}, true, errNoTransition(key)
}
