package app

import (
	"context"
	"fmt"

	"github.com/jubako/jubako/modules/identity/internal/domain"
	"github.com/jubako/jubako/platform/auth"
)

// EnsureAdmin creates the first admin when no admin exists: the one of the
// admin section, else DefaultAdminEmail with a generated password, logged
// once at WARN. The email is unique, so processes starting together create
// one admin, and only the one that created it logs its password.
func (s *Service) EnsureAdmin(ctx context.Context) error {
	exists, err := s.users.HasRole(ctx, auth.RoleAdmin)
	if err != nil || exists {
		return err
	}
	email, password := DefaultAdminEmail, s.admin.Password
	if s.admin.Email != "" {
		if email, err = domain.NormalizeEmail("admin.email", s.admin.Email); err != nil {
			return err
		}
	}
	generated := password == ""
	if generated {
		if password, err = domain.GeneratePassword(generatedPasswordLength); err != nil {
			return fmt.Errorf("first admin password: %w", err)
		}
	}
	_, created, err := s.create(ctx, email, password, auth.RoleAdmin)
	switch {
	case err != nil:
		return fmt.Errorf("create the first admin: %w", err)
	case !created:
		return s.checkAdmin(ctx, email)
	case generated:
		s.log.Warn(fmt.Sprintf("first admin created: email %s password %s: change it", email, password))
	default:
		s.log.Info("first admin created from the admin settings", "email", email)
	}
	return nil
}

// checkAdmin accepts an existing account with the first admin's email when
// it is an admin (another process created it meanwhile).
func (s *Service) checkAdmin(ctx context.Context, email string) error {
	a, err := s.users.ByEmail(ctx, email)
	if err != nil {
		return err
	}
	if a.Role != auth.RoleAdmin {
		return fmt.Errorf("no admin exists and the first admin's email %s belongs to a %s: set admin.email to another address", email, a.Role)
	}
	return nil
}
