package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jubako/jubako/platform/testkit"
)

// TestHealthcheck: exit 0 when /healthz answers 200, 1 otherwise.
func TestHealthcheck(t *testing.T) {
	status := http.StatusOK
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/healthz" {
			http.NotFound(w, r)
			return
		}
		w.WriteHeader(status)
	}))
	defer srv.Close()
	addr := strings.TrimPrefix(srv.URL, "http://")
	cases := []struct {
		name   string
		status int
		args   []string
		env    string
		want   int
	}{
		{name: "healthy, address from JUBAKO_HTTP_ADDR", status: http.StatusOK, env: addr, want: 0},
		{name: "healthy, --url", status: http.StatusOK, args: []string{"--url", srv.URL + "/healthz"}, want: 0},
		{name: "unhealthy", status: http.StatusServiceUnavailable, env: addr, want: 1},
		{name: "nobody listening", status: http.StatusOK, args: []string{"--url", "http://127.0.0.1:1/healthz"}, want: 1},
		{name: "bad flag", args: []string{"--colour"}, want: 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status = tc.status
			t.Setenv("JUBAKO_HTTP_ADDR", tc.env)
			var stderr bytes.Buffer
			if code := healthcheckTool(tc.args, nil, &stderr); code != tc.want {
				t.Errorf("exit %d, want %d: %s", code, tc.want, stderr.String())
			}
		})
	}
}

func TestLocalURL(t *testing.T) {
	for addr, want := range map[string]string{":8080": "http://127.0.0.1:8080", "0.0.0.0:9000": "http://127.0.0.1:9000",
		"[::]:8080": "http://127.0.0.1:8080", "10.0.0.5:81": "http://10.0.0.5:81", "": "http://127.0.0.1:8080"} {
		if got := localURL(addr); got != want {
			t.Errorf("localURL(%q) = %s, want %s", addr, got, want)
		}
	}
}

// TestDeployRender: each format to stdout or a file; mistakes exit 2 with
// the field at fault.
func TestDeployRender(t *testing.T) {
	root := testkit.RepoRoot(t)
	example := filepath.Join(root, "deploy", "payment-shipping.yaml")
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("name: x\nservices: [{name: a}, {name: b, modules: [nope]}]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "compose.yaml")
	cases := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{name: "kubernetes", args: []string{"render", example}, stdout: "kind: Deployment"},
		{name: "compose to a file", args: []string{"render", example, "--format", "compose", "-o", out}},
		{name: "unknown module", args: []string{"render", bad}, code: 2, stderr: `services[1].modules[0]: unknown module "nope"`},
		{name: "unknown format", args: []string{"render", example, "--format", "helm"}, code: 2, stderr: "--format kubernetes or compose"},
		{name: "no file", args: []string{"render"}, code: 2, stderr: "usage"},
		{name: "no verb", args: nil, code: 2, stderr: "usage: jubako deploy render"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := deployTool(tc.args, &stdout, &stderr)
			if code != tc.code || !strings.Contains(stdout.String(), tc.stdout) || !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("exit %d (want %d), stdout %.200q, stderr %q", code, tc.code, stdout.String(), stderr.String())
			}
		})
	}
	if data, err := os.ReadFile(out); err != nil || !strings.Contains(string(data), "services:") {
		t.Errorf("compose file: %v %.100q", err, data)
	}
}
