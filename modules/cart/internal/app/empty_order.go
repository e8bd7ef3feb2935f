package app

import (
	"context"
	"fmt"

	"github.com/jubako/jubako/modules/cart"
	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/db"
)

// EmptyOrder takes the products of a completed choreographed order out of
// its customer's cart, as the orchestrated checkout does with EmptyCart —
// what the customer added since of other products stays — and announces
// CartEmptied, in tx, the subscription's transaction.
func (s *Service) EmptyOrder(ctx context.Context, tx bus.Tx, e purchase.OrderCompletedEvent) error {
	req := cart.EmptyCartRequest{UserID: e.UserID, ProductIDs: make([]string, len(e.Lines))}
	for i, l := range e.Lines {
		req.ProductIDs[i] = l.ProductID
	}
	g := db.Gorm(tx)
	if err := s.emptyCart(ctx, g, req); err != nil {
		return fmt.Errorf("empty the cart of order %s: %w", e.OrderID, err)
	}
	return purchase.CartEmptied.Publish(ctx, g, purchase.StepEvent{OrderID: e.OrderID, At: db.Now()})
}
