package app

import (
	"context"

	"github.com/jubako/jubako/modules/identity"
	"github.com/jubako/jubako/modules/identity/internal/domain"
	"github.com/jubako/jubako/modules/identity/internal/store"
	"github.com/jubako/jubako/platform/auth"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/shared"
)

// Register creates a customer account. The email is stored lower-case and
// must be free (identity.ErrEmailTaken); the password is kept only as an
// argon2id hash.
func (s *Service) Register(ctx context.Context, req identity.Credentials) (identity.User, error) {
	email, err := domain.NormalizeEmail("email", req.Email)
	if err != nil {
		return identity.User{}, err
	}
	if err := domain.ValidatePassword("password", req.Password); err != nil {
		return identity.User{}, err
	}
	a, created, err := s.create(ctx, email, req.Password, auth.RoleCustomer)
	if err != nil {
		return identity.User{}, err
	}
	if !created {
		e := identity.ErrEmailTaken.With("an account with the email %s exists: log in instead", email)
		e.Field = "email"
		return identity.User{}, e
	}
	return a.User, nil
}

// create stores a new account unless the email is taken.
func (s *Service) create(ctx context.Context, email, password, role string) (store.Account, bool, error) {
	hash, err := domain.HashPassword(password, s.params)
	if err != nil {
		return store.Account{}, false, err
	}
	a := store.Account{
		User:         identity.User{ID: shared.NewID(), Email: email, Role: role, CreatedAt: db.Now()},
		PasswordHash: hash,
	}
	created, err := s.users.Create(ctx, a)
	return a, created, err
}
