package host_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/jubako/jubako/platform/testkit"
)

func TestMetricsNeedTheServiceTokenOrAnAdmin(t *testing.T) {
	const token = "metrics-scraper-service-token"
	p := testkit.Start(t, testkit.SQLite(t), testkit.Settings{"service.token": token})
	for _, tc := range []struct {
		name   string
		auth   []string
		status int
	}{
		{"anonymous", nil, http.StatusUnauthorized},
		{"wrong token", []string{"Authorization", "Bearer not-the-service-token"}, http.StatusUnauthorized},
		{"customer", []string{"Authorization", testkit.CustomerAuthorization}, http.StatusForbidden},
		{"admin", []string{"Authorization", testkit.AdminAuthorization}, http.StatusOK},
		{"scraper with the service token", []string{"Authorization", "Bearer " + token}, http.StatusOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := p.Do(t, http.MethodGet, "/metrics", nil, tc.auth...)
			if res.Status != tc.status {
				t.Fatalf("status %d, want %d: %s", res.Status, tc.status, res.Body)
			}
			if tc.status == http.StatusOK && !strings.Contains(string(res.Body), "jubako_outbox_backlog") {
				t.Error("the metrics lack jubako_outbox_backlog")
			}
		})
	}
}

func TestProfilesAreOffUnlessEnabledAndThenForAdminsOnly(t *testing.T) {
	off := testkit.Start(t, testkit.SQLite(t), nil)
	if res := off.Do(t, http.MethodGet, "/debug/pprof/", nil, "Authorization", testkit.AdminAuthorization); res.Status != http.StatusNotFound {
		t.Errorf("debug.pprof off: status %d, want 404", res.Status)
	}
	const token = "profiling-service-token"
	on := testkit.Start(t, testkit.SQLite(t), testkit.Settings{"debug.pprof": true, "service.token": token})
	for _, tc := range []struct {
		name   string
		auth   []string
		status int
	}{
		{"anonymous", nil, http.StatusUnauthorized},
		{"customer", []string{"Authorization", testkit.CustomerAuthorization}, http.StatusForbidden},
		{"admin", []string{"Authorization", testkit.AdminAuthorization}, http.StatusOK},
		{"the service token", []string{"Authorization", "Bearer " + token}, http.StatusOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := on.Do(t, http.MethodGet, "/debug/pprof/goroutine?debug=1", nil, tc.auth...)
			if res.Status != tc.status {
				t.Fatalf("status %d, want %d: %.200s", res.Status, tc.status, res.Body)
			}
			if tc.status == http.StatusOK && !strings.Contains(string(res.Body), "goroutine profile") {
				t.Errorf("the admin got no goroutine profile: %.200s", res.Body)
			}
		})
	}
}
