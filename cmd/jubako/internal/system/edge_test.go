package system

import (
	"maps"
	"net/http"
	"strings"
	"testing"

	"github.com/alicebob/miniredis/v2"
	"go.uber.org/fx"

	cataloglocal "github.com/jubako/jubako/modules/catalog/local"
	currencylocal "github.com/jubako/jubako/modules/currency/local"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/testkit"
)

// edge are the modules behind the cached routes, enough to exercise the
// gateway's chain.
var edge = []fx.Option{cataloglocal.Module, currencylocal.Module}

// with returns shopSettings overridden by settings.
func with(settings testkit.Settings) testkit.Settings {
	s := maps.Clone(shopSettings)
	maps.Copy(s, settings)
	return s
}

// twoInstances starts two processes of the modules that share one Redis,
// as instances behind a load balancer do: on PostgreSQL they share the
// database too; on SQLite (one writer per file) each has its own, and a
// miniredis over TCP stands in for the shared Redis.
func twoInstances(t *testing.T, be testkit.Backend, settings testkit.Settings, modules ...fx.Option) (a, b *testkit.Process) {
	t.Helper()
	first, second := be, be
	if be.Driver == db.SQLite {
		url := "redis://" + miniredis.RunT(t).Addr()
		second = testkit.SQLite(t)
		first.RedisURL, second.RedisURL = url, url
	}
	return testkit.Start(t, first, settings, modules...), testkit.Start(t, second, settings, modules...)
}

func TestSecurityHeaders(t *testing.T) {
	p := testkit.Start(t, testkit.SQLite(t), with(testkit.Settings{"http.security.hsts_max_age": "8760h"}), edge...)
	always := map[string]string{
		"X-Content-Type-Options": "nosniff",
		"X-Frame-Options":        "DENY",
		"Referrer-Policy":        "no-referrer",
	}
	for _, tc := range []struct {
		name, path string
		headers    []string
		status     int
		want       map[string]string
	}{
		{"an answer", "/api/catalog/products", nil, 200, map[string]string{"Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'", "Strict-Transport-Security": ""}},
		{"an error", "/api/catalog/products/NOPE", nil, 404, map[string]string{"Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'"}},
		{"no route", "/nowhere", nil, 404, map[string]string{}},
		{"HTTPS through a proxy", "/api/currency/currencies", []string{"X-Forwarded-Proto", "https"}, 200,
			map[string]string{"Strict-Transport-Security": "max-age=31536000; includeSubDomains"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := p.Do(t, http.MethodGet, tc.path, nil, tc.headers...)
			if res.Status != tc.status {
				t.Fatalf("%d, want %d", res.Status, tc.status)
			}
			for k, v := range merge(always, tc.want) {
				if got := res.Header.Get(k); got != v {
					t.Errorf("%s: %q, want %q", k, got, v)
				}
			}
		})
	}
}

func merge(a, b map[string]string) map[string]string {
	out := maps.Clone(a)
	maps.Copy(out, b)
	return out
}

func TestCORS(t *testing.T) {
	const allowed, other = "https://shop.example.com", "https://elsewhere.example.com"
	configured := testkit.Start(t, testkit.SQLite(t), with(testkit.Settings{"http.cors.origins": allowed, "http.cors.allow_credentials": true}), edge...)
	unconfigured := testkit.Start(t, testkit.SQLite(t), shopSettings, edge...)
	preflight := func(origin string) []string {
		return []string{"Origin", origin, "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "Content-Type, Idempotency-Key"}
	}
	for _, tc := range []struct {
		name        string
		p           *testkit.Process
		method      string
		headers     []string
		allowOrigin string
	}{
		{"preflight from an allowed origin", configured, http.MethodOptions, preflight(allowed), allowed},
		{"preflight from another origin", configured, http.MethodOptions, preflight(other), ""},
		{"request from an allowed origin", configured, http.MethodGet, []string{"Origin", allowed}, allowed},
		{"request from another origin", configured, http.MethodGet, []string{"Origin", other}, ""},
		{"no origins configured", unconfigured, http.MethodOptions, preflight(allowed), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := tc.p.Do(t, tc.method, "/api/currency/currencies", nil, tc.headers...)
			if got := res.Header.Get("Access-Control-Allow-Origin"); got != tc.allowOrigin {
				t.Errorf("Access-Control-Allow-Origin %q, want %q", got, tc.allowOrigin)
			}
			if tc.allowOrigin == "" {
				return
			}
			if got := res.Header.Get("Access-Control-Allow-Credentials"); got != "true" {
				t.Errorf("Access-Control-Allow-Credentials %q, want true", got)
			}
			if tc.method == http.MethodOptions {
				if res.Status != http.StatusNoContent || !strings.Contains(res.Header.Get("Access-Control-Allow-Methods"), "POST") {
					t.Errorf("preflight: %d, methods %q", res.Status, res.Header.Get("Access-Control-Allow-Methods"))
				}
			} else if exposed := res.Header.Get("Access-Control-Expose-Headers"); !strings.Contains(exposed, "X-Request-Id") && !strings.Contains(exposed, "X-Request-ID") {
				t.Errorf("exposed headers %q, want X-Request-ID among them", exposed)
			}
		})
	}
}

func TestOversizedBodyIs413(t *testing.T) {
	p := testkit.Start(t, testkit.SQLite(t), with(testkit.Settings{"http.body_limit": 2048}), edge...)
	res := p.Do(t, http.MethodPost, "/api/currency/convert", `{"to_code":"`+strings.Repeat("E", 4096)+`"}`)
	e := res.Err(t)
	if res.Status != http.StatusRequestEntityTooLarge || e.Error.Code != "invalid" || e.Error.Field != "body" {
		t.Errorf("%d %+v, want 413 invalid on field body", res.Status, e.Error)
	}
	if res := p.Do(t, http.MethodPost, "/api/currency/convert", map[string]any{"from": usd(1, 0), "to_code": "EUR"}); res.Status != http.StatusOK {
		t.Errorf("a small body: %d %s", res.Status, res.Body)
	}
}

func TestHandlersGiveUpAtTheHandlerTimeout(t *testing.T) {
	p := testkit.Start(t, testkit.SQLite(t), with(testkit.Settings{"http.handler_timeout": "1ns"}), edge...)
	res := p.Do(t, http.MethodGet, "/api/catalog/products/"+sunglasses, nil)
	if e := res.Err(t); res.Status != http.StatusServiceUnavailable || e.Error.Code != "unavailable" {
		t.Errorf("%d %+v, want 503 unavailable once the deadline passed", res.Status, e.Error)
	}
}
