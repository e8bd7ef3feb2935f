package app

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/inventory"
	"github.com/jubako/jubako/modules/inventory/internal/domain"
	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/shared"
)

// ReserveOrder is inventory's step of a choreographed checkout: it
// reserves every line of a placed order with the key "<order id>:reserve",
// as the orchestrated checkout does, and announces StockReserved, or
// StockUnavailable with the reason when the reservation is refused — a
// line short, or the key released before it came — and nothing is taken.
// tx is the subscription's transaction; the reservation is tried
// in a savepoint of it, so that a refusal keeps the event and the inbox
// record. A transient failure is returned, for the event to come again.
func (s *Service) ReserveOrder(ctx context.Context, tx bus.Tx, e purchase.OrderPlacedEvent) error {
	g := db.Gorm(tx)
	refused, err := db.Attempt(g, func(sp *gorm.DB) error {
		r, err := orderReservation(e)
		if err != nil {
			return err
		}
		_, err = s.reserve(ctx, sp, r)
		return err
	})
	switch {
	case err != nil:
		return fmt.Errorf("reserve stock of order %s: %w", e.OrderID, err)
	case refused != nil:
		return purchase.StockUnavailable.Publish(ctx, g, purchase.StepEvent{OrderID: e.OrderID, Reason: shared.AsError(refused).Explained(), At: db.Now()})
	}
	return purchase.StockReserved.Publish(ctx, g, purchase.StepEvent{OrderID: e.OrderID, At: db.Now()})
}

// orderReservation is the reservation of a placed order's lines. It never
// expires: the order's events release or commit it.
func orderReservation(e purchase.OrderPlacedEvent) (domain.Reservation, error) {
	req := inventory.ReserveRequest{Key: orderKey(e.OrderID), Reference: e.OrderID, Lines: make([]inventory.Line, len(e.Lines))}
	for i, l := range e.Lines {
		req.Lines[i] = inventory.Line{ProductID: l.ProductID, Quantity: l.Quantity}
	}
	lines, err := domain.ValidateReserve(req)
	return domain.Reservation{
		Reservation: inventory.Reservation{Key: req.Key, Status: inventory.StatusReserved, ExpiresAt: domain.Unexpiring},
		Reference:   req.Reference,
		Lines:       lines,
	}, err
}

// orderKey is the key of an order's reservation, the one the orchestrated
// checkout's reserve step uses too.
func orderKey(orderID string) string { return orderID + ":reserve" }
