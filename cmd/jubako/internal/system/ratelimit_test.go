package system

import (
	"net/http"
	"strconv"
	"testing"

	"github.com/jubako/jubako/platform/testkit"
)

// limited turns the rate limit on with small budgets.
var limited = with(testkit.Settings{
	"http.rate_limit.enabled":        true,
	"http.rate_limit.read.requests":  5,
	"http.rate_limit.write.requests": 3,
	"http.rate_limit.auth.requests":  2,
	"service.token":                  serviceToken,
})

// spend sends n requests that must pass, then one that must be refused
// with 429, Retry-After and the JSON error. The wait may pass the window
// (a minute here): the spent window still weighs on the next one.
func spend(t *testing.T, n int, send func() testkit.Response) {
	t.Helper()
	for i := range n {
		if res := send(); res.Status == http.StatusTooManyRequests {
			t.Fatalf("request %d of a budget of %d: 429", i+1, n)
		}
	}
	res := send()
	e := res.Err(t)
	retry, err := strconv.Atoi(res.Header.Get("Retry-After"))
	if res.Status != http.StatusTooManyRequests || e.Error.Code != "unavailable" || e.Error.Reason != "rate_limited" || err != nil || retry < 1 || retry > 120 {
		t.Fatalf("request %d: %d %+v Retry-After %q, want 429 unavailable/rate_limited with a wait of 1–120 s",
			n+1, res.Status, e.Error, res.Header.Get("Retry-After"))
	}
	if res.Header.Get("X-RateLimit-Remaining") != "0" || res.Header.Get("X-Request-ID") == "" {
		t.Errorf("headers %v: want X-RateLimit-Remaining 0 and a request id", res.Header)
	}
}

func TestRateLimits(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := testkit.Start(t, be, limited, edge...)
		get := func(headers ...string) func() testkit.Response {
			return func() testkit.Response { return p.Do(t, http.MethodGet, "/api/catalog/products/"+mug, nil, headers...) }
		}
		convert := func() testkit.Response {
			return p.Do(t, http.MethodPost, "/api/currency/convert", map[string]any{"from": usd(1, 0), "to_code": "EUR"})
		}
		login := func() testkit.Response {
			return p.Do(t, http.MethodPost, "/api/auth/login", map[string]any{"email": "ada@example.com", "password": "not checked here"})
		}

		spend(t, 5, get())
		t.Run("a user has a budget of their own", func(t *testing.T) {
			spend(t, 5, get("Authorization", testkit.CustomerAuthorization))
		})
		t.Run("writes have theirs", func(t *testing.T) { spend(t, 3, convert) })
		t.Run("logins have a strict one", func(t *testing.T) { spend(t, 2, login) })
		t.Run("probes and metrics are not limited", func(t *testing.T) {
			scraper := []string{"Authorization", "Bearer " + serviceToken}
			for path, headers := range map[string][]string{"/healthz": nil, "/readyz": nil, "/metrics": scraper} {
				for range 10 {
					if res := p.Do(t, http.MethodGet, path, nil, headers...); res.Status != http.StatusOK {
						t.Fatalf("%s: %d", path, res.Status)
					}
				}
			}
		})
		t.Run("requests forwarded by the topology are counted where they entered", func(t *testing.T) {
			for range 10 {
				if res := get("X-Jubako-Forwarded", serviceToken)(); res.Status != http.StatusOK {
					t.Fatalf("forwarded: %d", res.Status)
				}
			}
			if res := get("X-Jubako-Forwarded", "not-the-service-token")(); res.Status != http.StatusTooManyRequests {
				t.Errorf("forged forwarding: %d, want 429", res.Status)
			}
		})
	})
}

// TestInstancesShareTheBudget sends a client's requests to two instances in
// turn: together they admit one budget.
func TestInstancesShareTheBudget(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		a, b := twoInstances(t, be, limited, edge...)
		i := 0
		spend(t, 5, func() testkit.Response {
			i++
			return []*testkit.Process{a, b}[i%2].Do(t, http.MethodGet, "/api/currency/currencies", nil)
		})
		if res := a.Do(t, http.MethodGet, "/api/currency/currencies", nil); res.Status != http.StatusTooManyRequests {
			t.Errorf("the other instance: %d, want 429 too", res.Status)
		}
	})
}
