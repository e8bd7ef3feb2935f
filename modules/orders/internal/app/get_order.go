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

// withSteps adds the checkout saga's timeline to o.
func (s *Service) withSteps(ctx context.Context, o orders.Order) (orders.Order, error) {
	info, err := s.engine.Get(ctx, o.ID)
	if err != nil {
		return orders.Order{}, err
	}
	for _, l := range info.Log {
		o.Steps = append(o.Steps, orders.Step{Name: l.Step, Phase: l.Phase, Status: l.Status, Attempt: l.Attempt, Error: l.Error, StartedAt: l.StartedAt, FinishedAt: l.FinishedAt})
	}
	return o, nil
}

// ListOrders returns the user's orders, newest first.
func (s *Service) ListOrders(ctx context.Context, req orders.ListOrdersRequest) (orders.ListOrdersReply, error) {
	list, err := s.orders.List(ctx, req.UserID)
	return orders.ListOrdersReply{Orders: list}, err
}
