package app

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/inventory"
	"github.com/jubako/jubako/platform/db"
)

// expiryBatch is how many expired reservations one query fetches.
const expiryBatch = 100

// ReleaseExpired releases every reservation whose time ran out, each in a
// transaction of its own, and returns how many it released. Each release
// is conditional on the reservation still being held and expired, so a
// concurrent Commit or Release wins or loses cleanly. Tombstones (keys
// released before they were reserved) are RELEASED from the start, so the
// loop never sees them.
func (s *Service) ReleaseExpired(ctx context.Context) (int, error) {
	now := db.Now()
	released := 0
	for {
		keys, err := s.store.DueKeys(ctx, now, expiryBatch)
		if err != nil {
			return released, fmt.Errorf("find expired reservations: %w", err)
		}
		for _, key := range keys {
			ok, err := s.expire(ctx, key, now)
			if err != nil {
				return released, fmt.Errorf("release expired reservation %q: %w", key, err)
			}
			if ok {
				released++
			}
		}
		if len(keys) < expiryBatch {
			return released, nil
		}
	}
}

// expire releases the reservation made with key if it is held and expired
// by now, and reports whether it did.
func (s *Service) expire(ctx context.Context, key string, now time.Time) (bool, error) {
	expired := false
	err := s.db.Transact(ctx, func(tx *gorm.DB) error {
		var err error
		expired, err = s.store.Transition(tx, key, inventory.StatusReserved, inventory.StatusReleased, now)
		if err != nil || !expired {
			return err
		}
		_, err = s.moveLines(ctx, tx, key, s.store.Unreserve)
		return err
	})
	return expired && err == nil, err
}
