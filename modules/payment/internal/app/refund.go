package app

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/modules/payment/internal/domain"
	"github.com/jubako/jubako/platform/db"
)

// Refund refunds the charge made with the key in full, once: a second call
// returns the first refund. Without such a charge there is nothing to
// refund, and the key is voided instead, so that a charge arriving late
// under it is refused. The void and a concurrent charge race for the
// key's one ledger row: if the charge wins, it is refunded as usual.
func (s *Service) Refund(ctx context.Context, req payment.RefundRequest) (payment.RefundReply, error) {
	return s.refund(ctx, nil, req)
}

// refund is Refund within tx, or on its own when tx is nil.
func (s *Service) refund(ctx context.Context, tx *gorm.DB, req payment.RefundRequest) (payment.RefundReply, error) {
	if err := domain.ValidateKey("charge_key", req.ChargeKey); err != nil {
		return payment.RefundReply{}, err
	}
	charge, found, err := s.ledger.ByKey(ctx, tx, req.ChargeKey)
	if err != nil {
		return payment.RefundReply{}, fmt.Errorf("find charge: %w", err)
	}
	if !found {
		if charge, err = s.ledger.Add(ctx, tx, domain.VoidOf(req.ChargeKey, db.Now())); err != nil {
			return payment.RefundReply{}, fmt.Errorf("record void: %w", err)
		}
	}
	if charge.Kind == payment.KindVoid {
		return payment.RefundReply{Refunded: false}, nil
	}
	refund, err := s.ledger.Add(ctx, tx, domain.RefundOf(charge, db.Now()))
	if err != nil {
		return payment.RefundReply{}, fmt.Errorf("record refund: %w", err)
	}
	return payment.RefundReply{RefundID: refund.TransactionID, Refunded: true}, nil
}
