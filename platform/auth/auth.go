// Package auth issues and verifies the JWTs that identify users at the
// gateway: HS256 with one signing key per topology, short-lived, with the
// user's id and role. The identity module issues them on login; every
// process's gateway verifies them without calling anybody.
package auth

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/jubako/jubako/platform/config"
	"github.com/jubako/jubako/shared"
)

// Roles a user can have.
const (
	RoleCustomer = "customer"
	RoleAdmin    = "admin"
)

const issuer = "jubako"

// Config is the auth section.
type Config struct {
	// SigningKey signs and verifies tokens (at least 32 characters). Empty:
	// a random key is generated on first run and kept in KeyFile. Processes
	// of a split topology must share one, so it is required there.
	SigningKey string        `config:"signing_key" secret:"true"`
	KeyFile    string        `config:"key_file"`
	TokenTTL   time.Duration `config:"token_ttl"`
}

// Defaults keep tokens fifteen minutes.
func Defaults() Config { return Config{KeyFile: "data/jwt.key", TokenTTL: 15 * time.Minute} }

// Validate checks the section.
func (c Config) Validate() error {
	switch {
	case c.SigningKey != "" && len(c.SigningKey) < 32:
		return config.Invalid("signing_key", "(redacted)", "must be at least 32 characters")
	case c.SigningKey == "" && c.KeyFile == "":
		return config.Invalid("key_file", c.KeyFile, "is required when auth.signing_key is empty")
	case c.TokenTTL < time.Minute || c.TokenTTL > 24*time.Hour:
		return config.Invalid("token_ttl", c.TokenTTL, "must be between 1m and 24h")
	}
	return nil
}

// Claims are what a token says about its bearer.
type Claims struct {
	Email string `json:"email"`
	Role  string `json:"role"`
	jwt.RegisteredClaims
}

// Keys issues and verifies tokens.
type Keys struct {
	key []byte
	ttl time.Duration
}

// Load returns the keys of cfg, creating and keeping a random signing key
// in cfg.KeyFile (mode 0600) when none is configured. Processes started at
// once on the same data directory end with the same key.
func Load(cfg Config) (*Keys, error) {
	if cfg.SigningKey != "" {
		return &Keys{key: []byte(cfg.SigningKey), ttl: cfg.TokenTTL}, nil
	}
	data, err := os.ReadFile(cfg.KeyFile)
	if errors.Is(err, os.ErrNotExist) {
		data, err = generate(cfg.KeyFile)
	}
	if err != nil {
		return nil, fmt.Errorf("auth: signing key %s: %w", cfg.KeyFile, err)
	}
	key := strings.TrimSpace(string(data))
	if len(key) < 32 {
		return nil, fmt.Errorf("auth: signing key in %s is shorter than 32 characters", cfg.KeyFile)
	}
	return &Keys{key: []byte(key), ttl: cfg.TokenTTL}, nil
}

// generate writes a random key to path and returns it, or returns the key
// another process put there first. The key is written whole to a temporary
// file in the same directory, then hard-linked into place: the link is
// created only if path does not exist (like O_EXCL), and path appears with
// its full content, so a process racing this one never reads it half
// written and never overwrites it. A crash leaves at most a stray temporary
// file, never an empty key file.
func generate(path string) ([]byte, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	key := []byte(hex.EncodeToString(b))
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*") // mode 0600
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp.Name())
	if err := writeAll(tmp, key); err != nil {
		return nil, err
	}
	err = os.Link(tmp.Name(), path)
	if errors.Is(err, os.ErrExist) {
		return os.ReadFile(path)
	}
	return key, err
}

// writeAll writes data to f, syncs and closes it.
func writeAll(f *os.File, data []byte) error {
	_, err := f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// Issue returns a token for the user, and when it expires.
func (k *Keys) Issue(userID, email, role string) (string, time.Time, error) {
	now := time.Now()
	exp := now.Add(k.ttl)
	claims := Claims{Email: email, Role: role, RegisteredClaims: jwt.RegisteredClaims{
		Issuer: issuer, Subject: userID, IssuedAt: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(exp),
	}}
	token, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(k.key)
	return token, exp, err
}

// TTL is how long an issued token lasts.
func (k *Keys) TTL() time.Duration { return k.ttl }

// Renew returns claims' token again, lasting TTL from now; everything else,
// when it was issued included, stays as it was.
func (k *Keys) Renew(c Claims) (string, time.Time, error) {
	exp := time.Now().Add(k.ttl)
	c.ExpiresAt = jwt.NewNumericDate(exp)
	token, err := jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(k.key)
	return token, exp, err
}

// Slide keeps a session in use going: once less than half of its token's
// TTL is left, it returns the token renewed (see Renew) — until maxAge
// after the login, which renewals keep. It returns "" when the token needs
// no renewal yet, or the session is too old for one.
func (k *Keys) Slide(c Claims, maxAge time.Duration) (string, time.Time, error) {
	now := time.Now()
	if c.IssuedAt == nil || c.ExpiresAt == nil || c.ExpiresAt.Sub(now) >= k.ttl/2 || now.Sub(c.IssuedAt.Time) >= maxAge {
		return "", time.Time{}, nil
	}
	return k.Renew(c)
}

// Verify checks a token's signature (HS256 only: "none" and other
// algorithms are refused), issuer, expiry and role, and returns its claims.
// Every failure is shared.ErrUnauthorized.
func (k *Keys) Verify(token string) (Claims, error) {
	var c Claims
	_, err := jwt.ParseWithClaims(token, &c, func(*jwt.Token) (any, error) { return k.key, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}), jwt.WithIssuer(issuer), jwt.WithExpirationRequired())
	if err != nil {
		return Claims{}, shared.Errorf(shared.CodeUnauthorized, "invalid token: %v", err)
	}
	if c.Subject == "" || (c.Role != RoleCustomer && c.Role != RoleAdmin) {
		return Claims{}, shared.Errorf(shared.CodeUnauthorized, "invalid token: bad subject or role")
	}
	return c, nil
}

// Authenticator checks a user's credentials; the identity module provides
// it, so that platform pages (the console's login) can sign users in
// without knowing the module. Wrong credentials are shared.ErrUnauthorized.
type Authenticator interface {
	Authenticate(ctx context.Context, email, password string) (User, error)
}

// User is an authenticated user.
type User struct {
	ID    string
	Email string
	Role  string
}
