package app

import (
	"context"

	"github.com/jubako/jubako/modules/identity"
	"github.com/jubako/jubako/modules/identity/internal/domain"
)

// ChangePassword replaces the user's password after checking the current
// one (a wrong one is identity.ErrBadCredentials). Tokens already issued
// stay valid until they expire.
func (s *Service) ChangePassword(ctx context.Context, userID string, req identity.PasswordChange) error {
	if err := domain.ValidatePassword("new_password", req.NewPassword); err != nil {
		return err
	}
	a, err := s.users.ByID(ctx, userID)
	if err != nil {
		return err
	}
	if _, err := s.authenticate(ctx, a.Email, req.CurrentPassword); err != nil {
		return err
	}
	hash, err := domain.HashPassword(req.NewPassword, s.params)
	if err != nil {
		return err
	}
	return s.users.SetPassword(ctx, userID, hash)
}
