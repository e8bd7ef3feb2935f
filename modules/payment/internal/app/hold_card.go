package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/modules/payment/internal/domain"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/shared"
)

// HoldCard keeps the card to charge the amount under the reference, after
// checking both as Charge does; a second hold under the reference replaces
// the first. The card is charged when the reference's stock is reserved
// (ChargeOrder), and deleted then, when the checkout fails, or when the
// hold is left unused past the hold TTL (SweepHolds).
func (s *Service) HoldCard(ctx context.Context, req payment.HoldCardRequest) (payment.HoldCardReply, error) {
	card, err := validateHold(req)
	if err != nil {
		return payment.HoldCardReply{}, err
	}
	h := domain.Hold{Reference: req.Reference, Amount: req.Amount, Card: req.Card, HeldAt: db.Now()}
	if err := s.holds.Put(ctx, h); err != nil {
		return payment.HoldCardReply{}, fmt.Errorf("hold card: %w", err)
	}
	return payment.HoldCardReply{CardLast4: card.Last4}, nil
}

func validateHold(req payment.HoldCardRequest) (domain.Card, error) {
	if err := validateHoldReference(req.Reference); err != nil {
		return domain.Card{}, err
	}
	if err := domain.ValidateAmount(req.Amount); err != nil {
		return domain.Card{}, err
	}
	return domain.ValidateCard(req.Card, time.Now())
}

// validateHoldReference requires the reference a card is held under.
func validateHoldReference(ref string) error {
	if strings.TrimSpace(ref) == "" {
		return shared.Invalid("reference", "a reference is required")
	}
	return domain.ValidateReference(ref)
}
