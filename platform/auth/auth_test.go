package auth_test

import (
	"encoding/base64"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/jubako/jubako/platform/auth"
	"github.com/jubako/jubako/shared"
)

const signingKey = "a-configured-signing-key-0123456789"

func load(t *testing.T, cfg auth.Config) *auth.Keys {
	t.Helper()
	if cfg.TokenTTL == 0 {
		cfg.TokenTTL = time.Hour
	}
	keys, err := auth.Load(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return keys
}

func issue(t *testing.T, keys *auth.Keys) string {
	t.Helper()
	token, _, err := keys.Issue("user-1", "ada@example.com", auth.RoleCustomer)
	if err != nil {
		t.Fatal(err)
	}
	return token
}

// accepts reports whether keys verify token, failing the test on any
// refusal other than unauthorized.
func accepts(t *testing.T, keys *auth.Keys, token string) bool {
	t.Helper()
	c, err := keys.Verify(token)
	if err != nil {
		if !errors.Is(err, shared.ErrUnauthorized) {
			t.Errorf("refused with %v, want unauthorized", err)
		}
		return false
	}
	if c.Subject != "user-1" || c.Email != "ada@example.com" || c.Role != auth.RoleCustomer {
		t.Errorf("claims %+v", c)
	}
	return true
}

func TestAConfiguredKeyIsUsed(t *testing.T) {
	keyFile := filepath.Join(t.TempDir(), "jwt.key")
	cfg := auth.Config{SigningKey: signingKey, KeyFile: keyFile}
	token := issue(t, load(t, cfg))
	if !accepts(t, load(t, cfg), token) {
		t.Error("a token is refused by another process with the same key")
	}
	if accepts(t, load(t, auth.Config{SigningKey: strings.Repeat("x", 32)}), token) {
		t.Error("a token is accepted under another key")
	}
	if _, err := os.Stat(keyFile); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("key file written though a key is configured: %v", err)
	}
}

func TestAGeneratedKeyIsKeptAndReused(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	keyFile := filepath.Join(dir, "jwt.key")
	token := issue(t, load(t, auth.Config{KeyFile: keyFile}))

	info, err := os.Stat(keyFile)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %v, want 0600", info.Mode().Perm())
	}
	if !accepts(t, load(t, auth.Config{KeyFile: keyFile}), token) {
		t.Error("a restart does not accept the tokens issued before it")
	}
	other := filepath.Join(t.TempDir(), "jwt.key")
	if accepts(t, load(t, auth.Config{KeyFile: other}), token) {
		t.Error("another data directory generated the same key")
	}
	assertOnlyKeyFile(t, dir)
}

func TestABadKeyFileIsNamed(t *testing.T) {
	for _, tc := range []struct {
		name  string
		write func(path string) error
		want  string
	}{
		{"short", func(p string) error { return os.WriteFile(p, []byte("too-short\n"), 0o600) }, "shorter than 32"},
		{"empty", func(p string) error { return os.WriteFile(p, nil, 0o600) }, "shorter than 32"},
		{"a directory", func(p string) error { return os.Mkdir(p, 0o700) }, "signing key"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			keyFile := filepath.Join(t.TempDir(), "jwt.key")
			if err := tc.write(keyFile); err != nil {
				t.Fatal(err)
			}
			_, err := auth.Load(auth.Config{KeyFile: keyFile, TokenTTL: time.Hour})
			if err == nil || !strings.Contains(err.Error(), keyFile) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one naming %s and saying %q", err, keyFile, tc.want)
			}
		})
	}
}

// TestConcurrentFirstStartsShareOneKey starts processes at once on an empty
// data directory, many times over: each round, they all end with the key
// one of them wrote, and nothing else is left in the directory.
func TestConcurrentFirstStartsShareOneKey(t *testing.T) {
	for round := 0; round < 20; round++ {
		dir := t.TempDir()
		cfg := auth.Config{KeyFile: filepath.Join(dir, "jwt.key"), TokenTTL: time.Hour}
		keys := make([]*auth.Keys, 8)
		errs := make([]error, len(keys))
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i := range keys {
			wg.Go(func() {
				<-start
				keys[i], errs[i] = auth.Load(cfg)
			})
		}
		close(start)
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		for i, k := range keys {
			token := issue(t, k)
			for j, other := range keys {
				if !accepts(t, other, token) {
					t.Fatalf("round %d: process %d refuses the token of process %d", round, j, i)
				}
			}
		}
		assertOnlyKeyFile(t, dir)
	}
}

func assertOnlyKeyFile(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != "jwt.key" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("%s holds %v, want only jwt.key", dir, names)
	}
}

func TestForgedTokensAreRefused(t *testing.T) {
	keys := load(t, auth.Config{SigningKey: signingKey})
	token := issue(t, keys)
	if !accepts(t, keys, token) {
		t.Fatal("a genuine token is refused")
	}
	claims := auth.Claims{Email: "ada@example.com", Role: auth.RoleCustomer, RegisteredClaims: jwt.RegisteredClaims{
		Issuer: "jubako", Subject: "user-1", ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour)),
	}}
	none, err := jwt.NewWithClaims(jwt.SigningMethodNone, claims).SignedString(jwt.UnsafeAllowNoneSignatureType)
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(token, ".")
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	admin := strings.Replace(string(payload), `"role":"customer"`, `"role":"admin"`, 1)
	if admin == string(payload) {
		t.Fatalf("no role in payload %s", payload)
	}
	tampered := parts[0] + "." + base64.RawURLEncoding.EncodeToString([]byte(admin)) + "." + parts[2]

	for _, tc := range []struct{ name, token string }{
		{"expired", issue(t, load(t, auth.Config{SigningKey: signingKey, TokenTTL: -time.Minute}))},
		{"alg none", none},
		{"signed with another key", issue(t, load(t, auth.Config{SigningKey: strings.Repeat("x", 32)}))},
		{"payload changed to admin", tampered},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if accepts(t, keys, tc.token) {
				t.Error("accepted")
			}
		})
	}
}

func TestSlideRenewsSessionsInUseUntilTheirMaximumAge(t *testing.T) {
	keys := load(t, auth.Config{SigningKey: signingKey, TokenTTL: 10 * time.Minute})
	now := time.Now()
	claims := func(issued, expires time.Time) auth.Claims {
		return auth.Claims{Email: "ada@example.com", Role: auth.RoleCustomer, RegisteredClaims: jwt.RegisteredClaims{
			Issuer: "jubako", Subject: "user-1", IssuedAt: jwt.NewNumericDate(issued), ExpiresAt: jwt.NewNumericDate(expires)}}
	}
	for _, tc := range []struct {
		name    string
		claims  auth.Claims
		renewed bool
	}{
		{"fresh: more than half its time left", claims(now.Add(-time.Minute), now.Add(9*time.Minute)), false},
		{"less than half its time left", claims(now.Add(-7*time.Minute), now.Add(3*time.Minute)), true},
		{"renewed for hours, still young enough", claims(now.Add(-11*time.Hour), now.Add(time.Minute)), true},
		{"older than the maximum age", claims(now.Add(-13*time.Hour), now.Add(time.Minute)), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			token, exp, err := keys.Slide(tc.claims, 12*time.Hour)
			if err != nil || (token != "") != tc.renewed {
				t.Fatalf("Slide: %q %v, renewed want %v", token, err, tc.renewed)
			}
			if !tc.renewed {
				return
			}
			c, err := keys.Verify(token)
			if err != nil || !c.IssuedAt.Equal(tc.claims.IssuedAt.Time) || exp.Before(now.Add(9*time.Minute)) {
				t.Errorf("renewed %+v (%v) expiring %s: want the login time kept and a whole TTL", c, err, exp)
			}
		})
	}
}
