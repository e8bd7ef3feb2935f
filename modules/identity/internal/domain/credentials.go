package domain

import (
	"crypto/rand"
	"math/big"
	"net/mail"
	"strings"
	"unicode/utf8"

	"github.com/jubako/jubako/shared"
)

// Limits of what a user may choose.
const (
	MaxEmailLength    = 254
	MinPasswordLength = 10
	MaxPasswordLength = 128
)

// NormalizeEmail trims and lower-cases email and checks that it is a bare
// address (no display name), naming field when it is not.
func NormalizeEmail(field, email string) (string, error) {
	e := strings.ToLower(strings.TrimSpace(email))
	if e == "" {
		return "", shared.Invalid(field, "is required")
	}
	if len(e) > MaxEmailLength {
		return "", shared.Invalid(field, "must be at most %d characters", MaxEmailLength)
	}
	if addr, err := mail.ParseAddress(e); err != nil || addr.Address != e {
		return "", shared.Invalid(field, "must be an email address like ada@example.com")
	}
	return e, nil
}

// ValidatePassword checks a new password's length, in characters.
func ValidatePassword(field, password string) error {
	n := utf8.RuneCountInString(password)
	switch {
	case n < MinPasswordLength:
		return shared.Invalid(field, "must be at least %d characters", MinPasswordLength)
	case n > MaxPasswordLength:
		return shared.Invalid(field, "must be at most %d characters", MaxPasswordLength)
	}
	return nil
}

const passwordAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// GeneratePassword returns n characters drawn uniformly from letters and
// digits (without the look-alikes l, 1, I, O and 0), from crypto/rand.
func GeneratePassword(n int) (string, error) {
	out := make([]byte, n)
	limit := big.NewInt(int64(len(passwordAlphabet)))
	for i := range out {
		k, err := rand.Int(rand.Reader, limit)
		if err != nil {
			return "", err
		}
		out[i] = passwordAlphabet[k.Int64()]
	}
	return string(out), nil
}
