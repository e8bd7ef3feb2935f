package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/jubako/jubako/cmd/jubako/internal/loadgen"
)

// TestLoadgenServesTheShopItLoads: without --url, `jubako loadgen` serves
// the shop in its own process (rate limits off), runs the mix against it,
// prints the JSON report and exits 0 when no task failed.
func TestLoadgenServesTheShopItLoads(t *testing.T) {
	isolate(t, map[string]string{"JUBAKO_LOG_LEVEL": "error"})
	var stdout, stderr bytes.Buffer
	code := loadgenTool([]string{"--http.addr", "127.0.0.1:0", "--users", "3", "--duration", "3s", "--think", "100ms-200ms", "--json"}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit code %d; stdout:\n%s\nstderr:\n%s", code, stdout.String(), stderr.String())
	}
	var r loadgen.Report
	if err := json.Unmarshal(stdout.Bytes(), &r); err != nil || r.Requests == 0 || r.Errors != 0 || len(r.Tasks) != 6 {
		t.Fatalf("report %+v (%v):\n%s", r, err, stdout.String())
	}
	if !strings.Contains(stderr.String(), "/admin/panels/loadgen") {
		t.Errorf("stderr does not say where the console charts the run:\n%s", stderr.String())
	}
}

func TestLoadgenRefusesBadFlags(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no users", []string{"--users", "0"}, "jubako: --users: at least 1"},
		{"a think time backwards", []string{"--think", "9s-1s"}, `jubako: --think "9s-1s"`},
		{"not a shop's URL", []string{"--url", "localhost:8080"}, `jubako: --url "localhost:8080"`},
		{"an unknown flag", []string{"--colour", "blue"}, "jubako: unknown flag: --colour"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := loadgenTool(tc.args, &stdout, &stderr); code != 2 || !strings.HasPrefix(stderr.String(), tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr.String(), tc.want)
			}
		})
	}
}
