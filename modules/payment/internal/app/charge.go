package app

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/modules/payment/internal/domain"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/shared"
)

// Charge validates the card and records the charge in the ledger, once per
// key: a retry returns the first charge, a reuse of the key for another
// amount, card or reference is ErrKeyReused, and a key voided by an
// earlier Refund is ErrVoided. The declined test card is refused before
// anything is written.
func (s *Service) Charge(ctx context.Context, req payment.ChargeRequest) (payment.ChargeReply, error) {
	return s.charge(ctx, nil, req)
}

// charge is Charge within tx, or on its own when tx is nil.
func (s *Service) charge(ctx context.Context, tx *gorm.DB, req payment.ChargeRequest) (payment.ChargeReply, error) {
	card, err := s.validate(req)
	if err != nil {
		return payment.ChargeReply{}, err
	}
	if domain.IsDeclined(req.Card.Number) {
		return payment.ChargeReply{}, payment.ErrDeclined.With("the card ending in %s was declined", card.Last4)
	}
	entry := domain.Entry{Key: req.Key, Entry: payment.Entry{
		ID: shared.NewID(), Kind: payment.KindCharge, TransactionID: shared.NewID(), Reference: req.Reference,
		Amount: req.Amount, CardType: card.Type, CardLast4: card.Last4, CreatedAt: db.Now(),
	}}
	stored, err := s.ledger.Add(ctx, tx, entry)
	if err != nil {
		return payment.ChargeReply{}, fmt.Errorf("record charge: %w", err)
	}
	if stored.Kind == payment.KindVoid {
		return payment.ChargeReply{}, payment.ErrVoided.With("key %q was refunded before it was charged", req.Key)
	}
	if !stored.SameCharge(req.Reference, req.Amount, card) {
		return payment.ChargeReply{}, payment.ErrKeyReused.With("key %q was already used for another charge", req.Key)
	}
	return payment.ChargeReply{TransactionID: stored.TransactionID, CardLast4: stored.CardLast4}, nil
}

func (s *Service) validate(req payment.ChargeRequest) (domain.Card, error) {
	if err := domain.ValidateKey("key", req.Key); err != nil {
		return domain.Card{}, err
	}
	if err := domain.ValidateReference(req.Reference); err != nil {
		return domain.Card{}, err
	}
	if err := domain.ValidateAmount(req.Amount); err != nil {
		return domain.Card{}, err
	}
	return domain.ValidateCard(req.Card, time.Now())
}
