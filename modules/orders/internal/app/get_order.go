package app

import (
	"context"

	"github.com/jubako/jubako/modules/orders"
)

// GetOrder returns one of the user's orders with its checkout timeline.
func (s *Service) GetOrder(ctx context.Context, req orders.GetOrderRequest) (orders.Order, error) {
	o, err := s.orders.Get(ctx, req.OrderID, req.UserID)
	if err != nil {
		return orders.Order{}, err
	}
	return s.withSteps(ctx, o)
}

// ListOrders returns the user's orders, newest first.
func (s *Service) ListOrders(ctx context.Context, req orders.ListOrdersRequest) (orders.ListOrdersReply, error) {
	list, err := s.orders.List(ctx, req.UserID)
	return orders.ListOrdersReply{Orders: list}, err
}
