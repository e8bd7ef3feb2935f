package domain

import (
	"strings"
	"testing"

	"github.com/jubako/jubako/shared"
)

func TestNormalizeEmail(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"ada@example.com", "ada@example.com"},
		{"  Ada.Lovelace@Example.COM ", "ada.lovelace@example.com"},
		{"admin@jubako.local", "admin@jubako.local"},
		{"", ""},
		{"ada", ""},
		{"ada@", ""},
		{"Ada <ada@example.com>", ""},
		{"ada@example.com, bob@example.com", ""},
		{strings.Repeat("a", 243) + "@example.com", ""},
	} {
		got, err := NormalizeEmail("email", tc.in)
		if got != tc.want || (tc.want == "") != (err != nil) {
			t.Errorf("NormalizeEmail(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
		if err != nil && shared.AsError(err).Field != "email" {
			t.Errorf("NormalizeEmail(%q): %v does not name the field", tc.in, err)
		}
	}
}

func TestValidatePassword(t *testing.T) {
	for _, tc := range []struct {
		password string
		ok       bool
	}{
		{"123456789", false},
		{"1234567890", true},
		{strings.Repeat("é", 10), true},
		{strings.Repeat("é", 9), false},
		{strings.Repeat("p", 128), true},
		{strings.Repeat("p", 129), false},
	} {
		if err := ValidatePassword("password", tc.password); (err == nil) != tc.ok {
			t.Errorf("ValidatePassword(%d runes of %q…) = %v, want ok %v", len([]rune(tc.password)), tc.password[:2], err, tc.ok)
		}
	}
}

func TestGeneratePassword(t *testing.T) {
	seen := map[string]bool{}
	for range 50 {
		pw, err := GeneratePassword(20)
		if err != nil || len(pw) != 20 || strings.Trim(pw, passwordAlphabet) != "" {
			t.Fatalf("GeneratePassword(20) = %q, %v; want 20 characters of the alphabet", pw, err)
		}
		seen[pw] = true
	}
	if len(seen) != 50 {
		t.Errorf("50 generated passwords hold %d distinct ones", len(seen))
	}
}
