package app

import (
	"context"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/orders/internal/store"
)

// Projections lists the orders' read models with their checkpoints.
func (s *Service) Projections(ctx context.Context) (orders.Projections, error) {
	list, err := s.orders.Projections(ctx)
	return orders.Projections{Projections: list}, err
}

// RebuildProjection rebuilds one read model from the events and returns
// it caught up; an unknown name is ErrProjectionNotFound.
func (s *Service) RebuildProjection(ctx context.Context, name string) (orders.Projection, error) {
	if err := s.orders.Rebuild(ctx, name); err != nil {
		return orders.Projection{}, err
	}
	list, err := s.orders.Projections(ctx)
	if err != nil {
		return orders.Projection{}, err
	}
	for _, p := range list {
		if p.Name == name {
			return p, nil
		}
	}
	return orders.Projection{}, orders.ErrProjectionNotFound.With("no projection %q", name)
}

// CatchUpProjections applies the events appended since the last time to
// the tailing read models.
// It reports whether events are still held back (see store.HeldBack).
func (s *Service) CatchUpProjections(ctx context.Context) (bool, error) {
	if err := s.orders.CatchUp(ctx); err != nil {
		return false, err
	}
	return s.orders.HeldBack(ctx)
}

// CatchUpAllProjections applies the events not applied yet to every read
// model, the inline ones included: orders does it when it starts.
func (s *Service) CatchUpAllProjections(ctx context.Context) error { return s.orders.CatchUpAll(ctx) }

// ProjectionsWoken delivers a value when events were appended.
func (s *Service) ProjectionsWoken() <-chan struct{} { return s.orders.Woken() }

// Sales returns the daily sales of the latest days.
func (s *Service) Sales(ctx context.Context, days int) ([]store.Sale, error) {
	return s.orders.Sales(ctx, days)
}
