package app

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/inventory"
	"github.com/jubako/jubako/modules/inventory/internal/domain"
	"github.com/jubako/jubako/shared"
)

// Commit turns a reservation into a sale. A held reservation's stock moves
// from reserved to sold; a released (expired) one takes its stock from on
// hand again, or fails with ErrOutOfStock and stays released; a committed
// one is returned as it is. A key released before it was reserved is
// ErrReleased: its tombstone holds no lines to sell.
func (s *Service) Commit(ctx context.Context, req inventory.KeyRequest) (inventory.Reservation, error) {
	if err := domain.ValidateKey(req.Key); err != nil {
		return inventory.Reservation{}, err
	}
	var out inventory.Reservation
	err := s.db.Transact(ctx, func(tx *gorm.DB) error {
		r, err := s.commit(ctx, tx, req.Key)
		out = r.Reservation
		return err
	})
	if err != nil {
		return inventory.Reservation{}, fmt.Errorf("commit stock: %w", err)
	}
	return out, nil
}

// commit tries each way into COMMITTED in turn. Statuses only move
// forward (RESERVED → RELEASED → COMMITTED, or RESERVED → COMMITTED), and
// tombstones never change, so a read between the transitions tells which
// applies. On PostgreSQL a transition skips a reservation whose Reserve
// commits just after it looked; the read then sees it RESERVED, and the
// transitions are tried again.
func (s *Service) commit(ctx context.Context, tx *gorm.DB, key string) (domain.Reservation, error) {
	for range transitionAttempts {
		held, err := s.store.Transition(tx, key, inventory.StatusReserved, inventory.StatusCommitted, time.Time{})
		if err != nil {
			return domain.Reservation{}, err
		}
		if held {
			return s.moveLines(ctx, tx, key, s.store.Sell)
		}
		r, found, err := s.store.Reservation(ctx, tx, key)
		switch {
		case err != nil:
			return r, err
		case !found:
			return r, shared.Errorf(shared.CodeNotFound, "no reservation was made with key %q", key)
		case r.IsTombstone():
			return r, inventory.ErrReleased.With("key %q was released before it was reserved", key)
		case r.Status == inventory.StatusCommitted:
			return r, nil
		case r.Status == inventory.StatusReleased:
			retaken, err := s.store.Transition(tx, key, inventory.StatusReleased, inventory.StatusCommitted, time.Time{})
			if err != nil {
				return r, err
			}
			if retaken {
				return s.moveLines(ctx, tx, key, s.sellOnHand(ctx))
			}
		}
	}
	return domain.Reservation{}, errNoTransition(key)
}

// sellOnHand returns a move that sells units straight from on hand, or
// fails with ErrOutOfStock when there are not enough.
func (s *Service) sellOnHand(ctx context.Context) func(*gorm.DB, string, int32) error {
	return func(tx *gorm.DB, productID string, q int32) error {
		ok, err := s.store.SellOnHand(tx, productID, q)
		if err != nil || ok {
			return err
		}
		return s.shortOf(ctx, tx, inventory.Line{ProductID: productID, Quantity: q})
	}
}
