// Package app holds identity's use cases, one per file: registering,
// logging in, refreshing a token, reading a user and creating the first
// admin.
package app

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/jubako/jubako/modules/identity"
	"github.com/jubako/jubako/modules/identity/internal/domain"
	"github.com/jubako/jubako/modules/identity/internal/store"
	"github.com/jubako/jubako/platform/auth"
	"github.com/jubako/jubako/platform/bus"
)

// Service runs identity's use cases. It issues tokens with the process's
// signing keys and asks the cart, over the bus, to adopt a guest's cart.
type Service struct {
	users  *store.Users
	keys   *auth.Keys
	bus    *bus.Bus
	admin  AdminConfig
	log    *slog.Logger
	params domain.Params
	// decoy is the hash of a random password, checked against when a login
	// names an unknown email.
	decoy string
}

// New returns the service.
func New(users *store.Users, keys *auth.Keys, b *bus.Bus, admin AdminConfig, log *slog.Logger) (*Service, error) {
	s := &Service{users: users, keys: keys, bus: b, admin: admin, log: log.With("module", "identity"), params: domain.DefaultParams}
	pw, err := domain.GeneratePassword(generatedPasswordLength)
	if err != nil {
		return nil, fmt.Errorf("identity: decoy password: %w", err)
	}
	if s.decoy, err = domain.HashPassword(pw, s.params); err != nil {
		return nil, fmt.Errorf("identity: decoy password: %w", err)
	}
	return s, nil
}

// issue signs a token for the account. The token's expiry is in whole
// seconds, and so is ExpiresAt.
func (s *Service) issue(a store.Account) (identity.Token, error) {
	token, exp, err := s.keys.Issue(a.ID, a.Email, a.Role)
	return identity.Token{Token: token, ExpiresAt: exp.UTC().Truncate(time.Second)}, err
}
