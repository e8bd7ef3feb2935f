package local_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"hash"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jubako/jubako/platform/auth"
	"github.com/jubako/jubako/platform/testkit"
)

// TestTheGatewayRefusesForgedTokens sends tokens that must not pass to a
// user route and an admin route: each is a 401 unauthorized, while the
// genuine tokens of the same users get through.
func TestTheGatewayRefusesForgedTokens(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p, _ := start(t, be, adminSettings)
		ada := register(t, p, "ada@example.com", "ada's long secret")
		customer := login(t, p, "ada@example.com", "ada's long secret")
		admin := login(t, p, "boss@example.com", "correct horse battery")
		valid := map[string]any{"iss": "jubako", "sub": ada.ID, "email": ada.Email, "role": "customer",
			"iat": time.Now().Unix(), "exp": time.Now().Add(time.Hour).Unix()}
		with := func(k string, v any) map[string]any {
			c := map[string]any{}
			for key, val := range valid {
				c[key] = val
			}
			if v == nil {
				delete(c, k)
			} else {
				c[k] = v
			}
			return c
		}

		for _, tc := range []struct{ name, token string }{
			{"expired", issue(t, testkit.SigningKey, -time.Minute, ada)},
			{"signed with another key", issue(t, "another-signing-key-0123456789abcdef", time.Hour, ada)},
			{"alg none", forge(t, "none", nil, valid)},
			{"alg none as admin", forge(t, "none", nil, with("role", "admin"))},
			{"customer's token with role changed to admin", withRole(t, strings.TrimPrefix(customer, "Bearer "), "admin")},
			{"HS512 with the right key", forge(t, "HS512", sha512.New, valid)},
			{"another issuer", forge(t, "HS256", sha256.New, with("iss", "someone-else"))},
			{"no expiry", forge(t, "HS256", sha256.New, with("exp", nil))},
			{"no subject", forge(t, "HS256", sha256.New, with("sub", nil))},
			{"unknown role", forge(t, "HS256", sha256.New, with("role", "root"))},
			{"truncated", strings.TrimPrefix(customer, "Bearer ")[:40]},
		} {
			t.Run(tc.name, func(t *testing.T) {
				for _, path := range []string{"/api/auth/me", "/api/admin/registry"} {
					res := p.Do(t, http.MethodGet, path, nil, "Authorization", "Bearer "+tc.token)
					if res.Status != http.StatusUnauthorized || res.Err(t).Error.Code != "unauthorized" {
						t.Errorf("GET %s: %d %s, want 401 unauthorized", path, res.Status, res.Body)
					}
				}
			})
		}

		for _, tc := range []struct {
			name, authorization string
			me, registry        int
		}{
			{"genuine customer token", customer, http.StatusOK, http.StatusForbidden},
			{"genuine admin token", admin, http.StatusOK, http.StatusOK},
			{"hand-signed customer token", "Bearer " + forge(t, "HS256", sha256.New, valid), http.StatusOK, http.StatusForbidden},
		} {
			if status, _ := me(t, p, tc.authorization); status != tc.me {
				t.Errorf("%s on /api/auth/me: %d, want %d", tc.name, status, tc.me)
			}
			if res := p.Do(t, http.MethodGet, "/api/admin/registry", nil, "Authorization", tc.authorization); res.Status != tc.registry {
				t.Errorf("%s on /api/admin/registry: %d, want %d", tc.name, res.Status, tc.registry)
			}
		}
	})
}

// issue signs a token for a with key, valid for ttl (negative: expired).
func issue(t *testing.T, key string, ttl time.Duration, a account) string {
	t.Helper()
	keys, err := auth.Load(auth.Config{SigningKey: key, TokenTTL: ttl})
	if err != nil {
		t.Fatal(err)
	}
	token, _, err := keys.Issue(a.ID, a.Email, a.Role)
	if err != nil {
		t.Fatal(err)
	}
	return token
}

var b64 = base64.RawURLEncoding

// forge builds a token by hand: alg in the header, HMAC with the test
// signing key when mac is given, an empty signature otherwise.
func forge(t *testing.T, alg string, mac func() hash.Hash, claims map[string]any) string {
	t.Helper()
	unsigned := b64.EncodeToString(mustJSON(t, map[string]string{"alg": alg, "typ": "JWT"})) + "." + b64.EncodeToString(mustJSON(t, claims))
	if mac == nil {
		return unsigned + "."
	}
	h := hmac.New(mac, []byte(testkit.SigningKey))
	h.Write([]byte(unsigned))
	return unsigned + "." + b64.EncodeToString(h.Sum(nil))
}

// withRole rewrites the role in a token's payload and keeps its signature.
func withRole(t *testing.T, token, role string) string {
	t.Helper()
	parts := strings.Split(token, ".")
	payload, err := b64.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var claims map[string]any
	if err := json.Unmarshal(payload, &claims); err != nil {
		t.Fatal(err)
	}
	if claims["role"] == role {
		t.Fatalf("the token already has role %s", role)
	}
	claims["role"] = role
	parts[1] = b64.EncodeToString(mustJSON(t, claims))
	return strings.Join(parts, ".")
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
