package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/modules/payment/internal/domain"
	"github.com/jubako/jubako/shared"
)

// Ledger lists the charges and refunds filed under a reference, oldest
// first.
func (s *Service) Ledger(ctx context.Context, req payment.LedgerRequest) (payment.LedgerReply, error) {
	if strings.TrimSpace(req.Reference) == "" {
		return payment.LedgerReply{}, shared.Invalid("reference", "a reference is required")
	}
	if err := domain.ValidateReference(req.Reference); err != nil {
		return payment.LedgerReply{}, err
	}
	entries, err := s.ledger.ByReference(ctx, req.Reference)
	if err != nil {
		return payment.LedgerReply{}, fmt.Errorf("read ledger: %w", err)
	}
	return payment.LedgerReply{Entries: entries}, nil
}
