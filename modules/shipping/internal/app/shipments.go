package app

import (
	"context"

	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/modules/shipping/internal/domain"
)

// Shipments serves shipping.Shipments: the shipments of one reference,
// oldest first.
func (s *Service) Shipments(ctx context.Context, req shipping.ShipmentsRequest) (shipping.ShipmentsReply, error) {
	if err := domain.Text("reference", req.Reference, true); err != nil {
		return shipping.ShipmentsReply{}, err
	}
	list, err := s.shipments.ByReference(ctx, req.Reference)
	return shipping.ShipmentsReply{Shipments: list}, err
}
