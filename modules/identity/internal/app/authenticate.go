package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/jubako/jubako/modules/identity"
	"github.com/jubako/jubako/modules/identity/internal/domain"
	"github.com/jubako/jubako/modules/identity/internal/store"
	"github.com/jubako/jubako/platform/auth"
	"github.com/jubako/jubako/shared"
)

// Authenticate checks an email and a password for the platform's own pages
// (the console's login), as auth.Authenticator. Wrong credentials are
// identity.ErrBadCredentials, an Unauthorized error.
func (s *Service) Authenticate(ctx context.Context, email, password string) (auth.User, error) {
	a, err := s.authenticate(ctx, email, password)
	if err != nil {
		return auth.User{}, err
	}
	return auth.User{ID: a.ID, Email: a.Email, Role: a.Role}, nil
}

// validateLogin refuses what cannot be credentials; anything else is
// checked against the accounts.
func validateLogin(email, password string) error {
	switch {
	case strings.TrimSpace(email) == "":
		return shared.Invalid("email", "is required")
	case len(email) > domain.MaxEmailLength:
		return shared.Invalid("email", "must be at most %d characters", domain.MaxEmailLength)
	case password == "":
		return shared.Invalid("password", "is required")
	case utf8.RuneCountInString(password) > domain.MaxPasswordLength:
		return shared.Invalid("password", "must be at most %d characters", domain.MaxPasswordLength)
	}
	return nil
}

// authenticate returns the account whose email and password these are.
func (s *Service) authenticate(ctx context.Context, email, password string) (store.Account, error) {
	if err := validateLogin(email, password); err != nil {
		return store.Account{}, err
	}
	a, err := s.users.ByEmail(ctx, strings.ToLower(strings.TrimSpace(email)))
	if errors.Is(err, identity.ErrUserNotFound) {
		// Hash anyway, so that timing does not tell unknown emails apart.
		_, _ = domain.CheckPassword(s.decoy, password)
		return store.Account{}, identity.ErrBadCredentials
	}
	if err != nil {
		return store.Account{}, err
	}
	ok, err := domain.CheckPassword(a.PasswordHash, password)
	if err != nil {
		return store.Account{}, fmt.Errorf("user %s: %w", a.ID, err)
	}
	if !ok {
		return store.Account{}, identity.ErrBadCredentials
	}
	return a, nil
}
