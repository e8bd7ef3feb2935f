package app

import (
	"context"
	"errors"
	"strings"

	"github.com/jubako/jubako/modules/identity"
	"github.com/jubako/jubako/shared"
)

// maxIDLength bounds the user ids looked up.
const maxIDLength = 200

// GetUser returns one user.
func (s *Service) GetUser(ctx context.Context, req identity.GetUserRequest) (identity.User, error) {
	switch {
	case strings.TrimSpace(req.UserID) == "":
		return identity.User{}, shared.Invalid("user_id", "is required")
	case len(req.UserID) > maxIDLength:
		return identity.User{}, shared.Invalid("user_id", "must be at most %d characters", maxIDLength)
	}
	a, err := s.users.ByID(ctx, req.UserID)
	return a.User, err
}

// Me returns the account of the bearer of a valid token.
func (s *Service) Me(ctx context.Context, userID string) (identity.User, error) {
	u, err := s.GetUser(ctx, identity.GetUserRequest{UserID: userID})
	if errors.Is(err, identity.ErrUserNotFound) {
		return identity.User{}, errGone()
	}
	return u, err
}
