package app

import (
	"context"

	"github.com/jubako/jubako/modules/inventory"
	"github.com/jubako/jubako/modules/orders"
)

// This file is the checkout's one place for the inventory module: its
// steps that reserve, release and commit the order's stock.

// reserve is the checkout step that takes stock for every line, once per
// key; the key is kept for the commit.
func (s *Service) reserve(ctx context.Context, st *checkoutState, key string) error {
	st.ReservationKey = key
	_, err := inventory.Reserve.Call(ctx, s.bus, inventory.ReserveRequest{Key: key, Reference: st.OrderID, Lines: inventoryLines(st.Lines)})
	return err
}

// release gives back the stock reserved with key.
func (s *Service) release(ctx context.Context, _ *checkoutState, key string) error {
	_, err := inventory.Release.Call(ctx, s.bus, inventory.KeyRequest{Key: key})
	return err
}

// commitStock is the checkout's pivot: the reserved stock is sold.
func (s *Service) commitStock(ctx context.Context, st *checkoutState, _ string) error {
	_, err := inventory.Commit.Call(ctx, s.bus, inventory.KeyRequest{Key: st.ReservationKey})
	return err
}

// inventoryLines are the order's lines as inventory counts them.
func inventoryLines(lines []orders.Line) []inventory.Line {
	out := make([]inventory.Line, len(lines))
	for i, l := range lines {
		out[i] = inventory.Line{ProductID: l.ProductID, Quantity: l.Quantity}
	}
	return out
}
