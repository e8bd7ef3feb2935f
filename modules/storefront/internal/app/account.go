package app

import (
	"context"

	"github.com/jubako/jubako/modules/identity"
)

// This file is the storefront's one place for the identity module.

// LogIn checks the credentials and returns a token for the account; the
// cart of guestID, when not empty, moves into the account's. Wrong
// credentials are identity.ErrBadCredentials.
func (s *Service) LogIn(ctx context.Context, email, password, guestID string) (string, error) {
	t, err := identity.LogIn.Call(ctx, s.bus, identity.LogInRequest{Email: email, Password: password, GuestID: guestID})
	return t.Token, err
}

// Register creates a customer account. A taken email is
// identity.ErrEmailTaken; bad input is Invalid naming "email" or
// "password".
func (s *Service) Register(ctx context.Context, email, password string) error {
	_, err := identity.Register.Call(ctx, s.bus, identity.Credentials{Email: email, Password: password})
	return err
}
