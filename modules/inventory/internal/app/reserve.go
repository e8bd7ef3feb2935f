package app

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/inventory"
	"github.com/jubako/jubako/modules/inventory/internal/domain"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/shared"
)

// Reserve takes stock for every line or for none, in one transaction. A
// request whose key was used before returns that reservation as it is now,
// taking nothing; reusing a key for other lines is a Conflict, and a key
// released before it was reserved is ErrReleased.
func (s *Service) Reserve(ctx context.Context, req inventory.ReserveRequest) (inventory.Reservation, error) {
	lines, err := domain.ValidateReserve(req)
	if err != nil {
		return inventory.Reservation{}, err
	}
	r := domain.Reservation{
		Reservation: inventory.Reservation{Key: req.Key, Status: inventory.StatusReserved, ExpiresAt: db.Now().Add(s.cfg.ReservationTTL)},
		Reference:   req.Reference,
		Lines:       lines,
	}
	err = s.db.Transact(ctx, func(tx *gorm.DB) error {
		r, err = s.reserve(ctx, tx, r)
		return err
	})
	if err != nil {
		return inventory.Reservation{}, fmt.Errorf("reserve stock: %w", err)
	}
	return r.Reservation, nil
}

// reserve stores r and takes its stock within tx, or returns the
// reservation already made with r's key if the same request made it.
func (s *Service) reserve(ctx context.Context, tx *gorm.DB, r domain.Reservation) (domain.Reservation, error) {
	created, err := s.store.CreateReservation(tx, r)
	if err != nil {
		return r, err
	}
	if !created {
		return s.existing(ctx, tx, r.Key, r.Reference, r.Lines)
	}
	return r, s.take(ctx, tx, r.Lines)
}

// existing returns the reservation already made with key, if it was made
// by the same request.
func (s *Service) existing(ctx context.Context, tx *gorm.DB, key, reference string, lines []inventory.Line) (domain.Reservation, error) {
	r, found, err := s.store.Reservation(ctx, tx, key)
	switch {
	case err != nil:
		return r, err
	case !found:
		return r, fmt.Errorf("reservation %q vanished while being read", key)
	case r.IsTombstone():
		return r, inventory.ErrReleased.With("key %q was released before it was reserved", key)
	case !r.SameRequest(reference, lines):
		return r, shared.Errorf(shared.CodeConflict, "key %q was already used for another reservation", key)
	}
	return r, nil
}

// take moves every line's quantity from on hand to reserved, in product
// order so that concurrent reservations lock rows alike, or fails with
// ErrOutOfStock naming the first product short.
func (s *Service) take(ctx context.Context, tx *gorm.DB, sorted []inventory.Line) error {
	for _, l := range sorted {
		if err := s.store.EnsureStock(tx, l.ProductID, s.cfg.InitialStock); err != nil {
			return err
		}
		ok, err := s.store.Reserve(tx, l.ProductID, l.Quantity)
		if err != nil {
			return err
		}
		if !ok {
			return s.shortOf(ctx, tx, l)
		}
	}
	return nil
}

// shortOf describes the shortage of l's product.
func (s *Service) shortOf(ctx context.Context, tx *gorm.DB, l inventory.Line) error {
	stock, _, err := s.store.Stock(ctx, tx, l.ProductID)
	if err != nil {
		return err
	}
	return inventory.ErrOutOfStock.With("out of stock: product %q has %d on hand, %d wanted", l.ProductID, stock.OnHand, l.Quantity)
}
