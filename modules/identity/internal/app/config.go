package app

import (
	"github.com/jubako/jubako/modules/identity/internal/domain"
	"github.com/jubako/jubako/platform/config"
)

// DefaultAdminEmail is the first admin's email when admin.email is unset.
const DefaultAdminEmail = "admin@jubako.local"

// generatedPasswordLength is the length of a generated first admin's password.
const generatedPasswordLength = 20

// AdminConfig is the admin section: the account created at start when no
// admin exists (JUBAKO_ADMIN_EMAIL, JUBAKO_ADMIN_PASSWORD). An unset email
// is DefaultAdminEmail; an unset password is generated and logged once.
type AdminConfig struct {
	Email    string `config:"email"`
	Password string `config:"password" secret:"true"`
}

// AdminDefaults leave both unset.
func AdminDefaults() AdminConfig { return AdminConfig{} }

// Validate checks the section.
func (c AdminConfig) Validate() error {
	if c.Email != "" {
		if _, err := domain.NormalizeEmail("email", c.Email); err != nil {
			return config.Invalid("email", c.Email, "must be an email address like admin@example.com")
		}
	}
	if c.Password != "" {
		if err := domain.ValidatePassword("password", c.Password); err != nil {
			return config.Invalid("password", "(redacted)", "must be %d to %d characters", domain.MinPasswordLength, domain.MaxPasswordLength)
		}
	}
	return nil
}
