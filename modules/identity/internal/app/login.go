package app

import (
	"context"
	"fmt"

	"github.com/jubako/jubako/modules/cart"
	"github.com/jubako/jubako/modules/identity"
)

// Login checks the credentials and returns a token. An unknown email and a
// wrong password give the same identity.ErrBadCredentials, after the same
// amount of hashing. guestID, when not empty, is the caller's guest
// session: its cart is merged into the account's first.
func (s *Service) Login(ctx context.Context, req identity.Credentials, guestID string) (identity.Token, error) {
	a, err := s.authenticate(ctx, req.Email, req.Password)
	if err != nil {
		return identity.Token{}, err
	}
	if err := s.adoptGuestCart(ctx, guestID, a.ID); err != nil {
		return identity.Token{}, fmt.Errorf("merge the guest cart: %w", err)
	}
	return s.issue(a)
}

// adoptGuestCart moves the guest's items, if they have any, into the
// user's cart. cart.MergeCarts is idempotent, so a retried login does not
// add them twice.
func (s *Service) adoptGuestCart(ctx context.Context, guestID, userID string) error {
	if guestID == "" {
		return nil
	}
	guest, err := cart.GetCart.Call(ctx, s.bus, cart.GetCartRequest{UserID: guestID})
	if err != nil || len(guest.Items) == 0 {
		return err
	}
	_, err = cart.MergeCarts.Call(ctx, s.bus, cart.MergeCartsRequest{FromUserID: guestID, ToUserID: userID})
	return err
}
