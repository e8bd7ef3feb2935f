package app

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/payment"
)

// ReleaseHold deletes the card held under the reference, if any.
func (s *Service) ReleaseHold(ctx context.Context, req payment.ReleaseHoldRequest) (payment.ReleaseHoldReply, error) {
	if err := validateHoldReference(req.Reference); err != nil {
		return payment.ReleaseHoldReply{}, err
	}
	var released bool
	err := s.db.Transact(ctx, func(tx *gorm.DB) error {
		var err error
		_, released, err = s.holds.Take(tx, req.Reference)
		return err
	})
	if err != nil {
		return payment.ReleaseHoldReply{}, fmt.Errorf("release the card held for %s: %w", req.Reference, err)
	}
	return payment.ReleaseHoldReply{Released: released}, nil
}
