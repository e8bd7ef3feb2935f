package app

import (
	"context"
	"errors"

	"github.com/jubako/jubako/modules/identity"
	"github.com/jubako/jubako/shared"
)

// Refresh returns a new token for the bearer of a valid one. The account
// is read again, so a deleted account gets no token and a changed role or
// email is in the new one.
func (s *Service) Refresh(ctx context.Context, userID string) (identity.Token, error) {
	a, err := s.users.ByID(ctx, userID)
	if errors.Is(err, identity.ErrUserNotFound) {
		return identity.Token{}, errGone()
	}
	if err != nil {
		return identity.Token{}, err
	}
	return s.issue(a)
}

// errGone answers a valid token whose account no longer exists.
func errGone() error {
	return shared.Errorf(shared.CodeUnauthorized, "the account of this token no longer exists")
}
