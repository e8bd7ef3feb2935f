package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/modules/shipping/internal/domain"
	"github.com/jubako/jubako/modules/shipping/internal/store"
)

// cancelAttempts bounds how often Cancel looks again at a key that a
// concurrent Ship stored while it looked. The shipment is then stored for
// good, so a second attempt settles it; more mean a bug.
const cancelAttempts = 3

// Cancel serves shipping.Cancel: a shipped shipment becomes CANCELLED.
// Cancelling again still answers true. A key never shipped answers false
// and is recorded as cancelled, a tombstone, so that a Ship arriving late —
// after the saga compensated a step whose outcome it never learned — ships
// nothing. The tombstone and a concurrent Ship race for the key's one row:
// if the Ship wins, its shipment is cancelled instead.
func (s *Service) Cancel(ctx context.Context, req shipping.CancelRequest) (shipping.CancelReply, error) {
	if err := domain.Text("ship_key", req.ShipKey, true); err != nil {
		return shipping.CancelReply{}, err
	}
	for range cancelAttempts {
		done, cancelled, err := s.cancelOnce(ctx, req.ShipKey)
		if err != nil || done {
			return shipping.CancelReply{Cancelled: cancelled}, err
		}
	}
	return shipping.CancelReply{}, fmt.Errorf("cancel %s: the shipment kept changing in %d attempts", req.ShipKey, cancelAttempts)
}

// cancelOnce cancels the shipment made with key or records its tombstone,
// and reports whether it settled the key and whether a shipment was
// cancelled. It does not settle a key whose shipment a concurrent Ship
// stored while it looked: the update missed it (PostgreSQL shows it to the
// next statement) or the tombstone lost the key to it.
func (s *Service) cancelOnce(ctx context.Context, key string) (done, cancelled bool, err error) {
	moved, err := s.shipments.SetStatus(ctx, key, domain.StatusShipped, domain.StatusCancelled)
	if err != nil || moved {
		return true, moved, err
	}
	sh, err := s.shipments.Get(ctx, nil, key)
	switch {
	case errors.Is(err, store.ErrNotFound):
		recorded, err := s.shipments.Tombstone(ctx, key)
		return recorded || err != nil, false, err
	case err != nil:
		return true, false, err
	}
	return sh.Status == domain.StatusCancelled, !sh.IsTombstone(), nil
}
