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
