package app

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/modules/shipping/internal/domain"
	"github.com/jubako/jubako/modules/shipping/internal/store"
	"github.com/jubako/jubako/shared"
)

// trackingAttempts bounds the retries after a tracking id collision, which
// in practice never happens twice in a row.
const trackingAttempts = 3

// Ship serves shipping.Ship. The first call with a key stores the
// shipment; later ones return its tracking id, or Conflict when they ask
// for another shipment. An undeliverable address stores nothing, and a key
// cancelled before it was shipped is ErrCancelled.
func (s *Service) Ship(ctx context.Context, req shipping.ShipRequest) (shipping.ShipReply, error) {
	return s.ship(ctx, nil, req)
}

// ship is Ship within tx, or on its own when tx is nil.
func (s *Service) ship(ctx context.Context, tx *gorm.DB, req shipping.ShipRequest) (shipping.ShipReply, error) {
	if err := validateShip(req); err != nil {
		return shipping.ShipReply{}, err
	}
	if domain.Undeliverable(req.Address) {
		return shipping.ShipReply{}, shipping.ErrUndeliverable.With("no shipment reaches zip code %s", req.Address.ZipCode)
	}
	for range trackingAttempts {
		stored, err := s.shipOnce(ctx, tx, req)
		if errors.Is(err, store.ErrNotFound) {
			continue // our insert lost to a tracking id collision, not to the key
		}
		if err != nil {
			return shipping.ShipReply{}, err
		}
		if stored.IsTombstone() {
			return shipping.ShipReply{}, shipping.ErrCancelled.With("ship key %q was cancelled before it was shipped", req.Key)
		}
		if !sameShipment(stored, req) {
			return shipping.ShipReply{}, shared.Errorf(shared.CodeConflict,
				"ship key %q was already used for another shipment", req.Key)
		}
		return shipping.ShipReply{TrackingID: stored.TrackingID}, nil
	}
	return shipping.ShipReply{}, fmt.Errorf("ship %s: no free tracking id after %d attempts", req.Key, trackingAttempts)
}

// shipOnce inserts the shipment unless the key exists, then reads the
// key's shipment, whoever stored it.
func (s *Service) shipOnce(ctx context.Context, tx *gorm.DB, req shipping.ShipRequest) (store.Shipment, error) {
	err := s.shipments.Insert(ctx, tx, store.Shipment{Key: req.Key, Shipment: shipping.Shipment{
		TrackingID: domain.NewTrackingID(), Reference: req.Reference, Status: domain.StatusShipped,
		Address: req.Address, Items: req.Items,
	}})
	if err != nil {
		return store.Shipment{}, err
	}
	return s.shipments.Get(ctx, tx, req.Key)
}

func validateShip(req shipping.ShipRequest) error {
	if err := domain.Text("key", req.Key, true); err != nil {
		return err
	}
	if err := domain.Text("reference", req.Reference, false); err != nil {
		return err
	}
	if err := domain.ValidateAddress("address.", req.Address); err != nil {
		return err
	}
	return domain.ValidateItems(req.Items, true)
}

func sameShipment(stored store.Shipment, req shipping.ShipRequest) bool {
	return stored.Reference == req.Reference && stored.Address == req.Address && slices.Equal(stored.Items, req.Items)
}
