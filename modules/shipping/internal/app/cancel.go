package app

import (
	"context"
	"errors"

	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/modules/shipping/internal/domain"
	"github.com/jubako/jubako/modules/shipping/internal/store"
)

// Cancel serves shipping.Cancel: a shipped shipment becomes CANCELLED.
// Cancelling again still answers true; a key never shipped answers false.
func (s *Service) Cancel(ctx context.Context, req shipping.CancelRequest) (shipping.CancelReply, error) {
	if err := domain.Text("ship_key", req.ShipKey, true); err != nil {
		return shipping.CancelReply{}, err
	}
	moved, err := s.shipments.SetStatus(ctx, req.ShipKey, domain.StatusShipped, domain.StatusCancelled)
	if err != nil || moved {
		return shipping.CancelReply{Cancelled: moved}, err
	}
	sh, err := s.shipments.Get(ctx, req.ShipKey)
	if errors.Is(err, store.ErrNotFound) {
		return shipping.CancelReply{}, nil
	}
	if err != nil {
		return shipping.CancelReply{}, err
	}
	return shipping.CancelReply{Cancelled: sh.Status == domain.StatusCancelled}, nil
}
