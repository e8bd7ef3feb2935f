package app

import (
	"context"
	"fmt"

	"github.com/jubako/jubako/platform/db"
)

// SweepHolds deletes the holds left unused past the hold TTL — their
// checkout never reached the charge — and returns how many it deleted. A
// charge that comes later finds no hold and fails the order.
func (s *Service) SweepHolds(ctx context.Context) (int64, error) {
	n, err := s.holds.DeleteHeldBefore(ctx, db.Now().Add(-s.cfg.HoldTTL))
	if err != nil {
		return n, fmt.Errorf("delete expired holds: %w", err)
	}
	return n, nil
}
