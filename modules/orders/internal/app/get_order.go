package app

import (
	"context"
	"slices"
	"time"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/orders/internal/domain"
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

// OrderAsOf returns one of the user's orders as its events made it at t,
// with the timeline's steps finished by then: those a choreographed
// checkout recorded as events, or those of an orchestrated checkout's saga
// log. An order placed after t, never, or by another user is
// ErrOrderNotFound.
func (s *Service) OrderAsOf(ctx context.Context, id, userID string, t time.Time) (orders.Order, error) {
	st, err := s.orders.AsOf(ctx, id, t)
	if err != nil {
		return orders.Order{}, err
	}
	if st.UserID != userID {
		return orders.Order{}, orders.ErrOrderNotFound.With("no order %q", id)
	}
	o, err := s.withSteps(ctx, st.Order)
	if err != nil {
		return orders.Order{}, err
	}
	o.Steps = slices.DeleteFunc(o.Steps, func(step orders.Step) bool { return step.FinishedAt.After(t) })
	return o, nil
}

// OrderEvents returns an order's events, oldest first, to the user who
// placed it or to an admin; for anyone else it is ErrOrderNotFound.
func (s *Service) OrderEvents(ctx context.Context, id, userID string, admin bool) (orders.OrderEvents, error) {
	events, err := s.orders.Events(ctx, id)
	if err != nil {
		return orders.OrderEvents{}, err
	}
	st, err := domain.Fold(events)
	if err != nil {
		return orders.OrderEvents{}, err
	}
	if !admin && st.UserID != userID {
		return orders.OrderEvents{}, orders.ErrOrderNotFound.With("no order %q", id)
	}
	out := orders.OrderEvents{OrderID: id, Events: make([]orders.OrderEvent, len(events))}
	for i, e := range events {
		out.Events[i] = orders.OrderEvent{Position: e.Position, Version: e.Version, Type: e.Type, Data: e.Payload, OccurredAt: e.OccurredAt}
	}
	return out, nil
}
