// Package store keeps accounts in the module's own table, identity_users.
package store

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/jubako/jubako/modules/identity"
	"github.com/jubako/jubako/platform/db"
)

type userRow struct {
	ID           string `gorm:"primaryKey"`
	Email        string
	PasswordHash string
	Role         string
	CreatedAt    time.Time
}

func (userRow) TableName() string { return "identity_users" }

func (r userRow) user() identity.User {
	return identity.User{ID: r.ID, Email: r.Email, Role: r.Role, CreatedAt: r.CreatedAt}
}

// Account is a user with their password hash, which never leaves the
// module.
type Account struct {
	identity.User
	PasswordHash string
}

// Users reads and writes identity_users.
type Users struct{ db *db.DB }

// New returns the store.
func New(d *db.DB) *Users { return &Users{db: d} }

// Create inserts the account unless its email is taken; created tells
// which happened. Concurrent creations of one email make one row.
func (s *Users) Create(ctx context.Context, a Account) (created bool, err error) {
	row := userRow{ID: a.ID, Email: a.Email, PasswordHash: a.PasswordHash, Role: a.Role, CreatedAt: a.CreatedAt}
	res := s.db.WithContext(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "email"}}, DoNothing: true}).Create(&row)
	return res.RowsAffected == 1, res.Error
}

// ByEmail returns the account with the (lower-case) email, or
// identity.ErrUserNotFound.
func (s *Users) ByEmail(ctx context.Context, email string) (Account, error) {
	return s.take(ctx, "email = ?", email)
}

// ByID returns the account with the id, or identity.ErrUserNotFound.
func (s *Users) ByID(ctx context.Context, id string) (Account, error) {
	return s.take(ctx, "id = ?", id)
}

// HasRole tells whether some account has the role.
func (s *Users) HasRole(ctx context.Context, role string) (bool, error) {
	var rows []userRow
	err := s.db.WithContext(ctx).Select("id").Where("role = ?", role).Limit(1).Find(&rows).Error
	return len(rows) > 0, err
}

func (s *Users) take(ctx context.Context, where string, arg string) (Account, error) {
	var r userRow
	err := s.db.WithContext(ctx).Where(where, arg).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Account{}, identity.ErrUserNotFound.With("no user %q", arg)
	}
	if err != nil {
		return Account{}, err
	}
	return Account{User: r.user(), PasswordHash: r.PasswordHash}, nil
}

// SetPassword replaces an account's password hash.
func (s *Users) SetPassword(ctx context.Context, id, hash string) error {
	return s.db.WithContext(ctx).Model(&userRow{}).Where("id = ?", id).Update("password_hash", hash).Error
}
