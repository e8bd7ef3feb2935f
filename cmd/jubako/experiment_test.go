package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/cookiejar"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jubako/jubako/cmd/jubako/internal/linked"
	"github.com/jubako/jubako/platform/testkit"
)

// TestExperimentRunsFromAFile runs `jubako experiment run` against a shop
// while guests read their carts: a fault elsewhere holds (exit 0), an
// error fault on the carts themselves deviates (exit 3), and a definition
// with a mistake names its field (exit 1).
func TestExperimentRunsFromAFile(t *testing.T) {
	p := testkit.Start(t, testkit.SQLite(t), nil, linked.Modules()...)
	ctx, stop := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	defer func() { stop(); wg.Wait() }()
	for range 16 {
		wg.Go(func() { readCarts(ctx, p.URL) })
	}
	dir := t.TempDir()
	run := func(name, definition string) (int, string, string) {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(definition), 0o644); err != nil {
			t.Fatal(err)
		}
		var stdout, stderr bytes.Buffer
		code := experimentTool([]string{"run", path, "--url", p.URL, "--token", strings.TrimPrefix(testkit.AdminAuthorization, "Bearer ")}, &stdout, &stderr)
		return code, stdout.String(), stderr.String()
	}

	code, out, errs := run("held.yaml", `
name: elsewhere
duration: 2s
settle: 1s
faults:
  - {target: "GET /api/nowhere", kind: latency, latency: 50ms}
hypothesis:
  - {metric: route_error_rate, route: "GET /api/cart", max_delta: 0.05}
`)
	if code != 0 || !strings.Contains(out, "verdict held") || !strings.Contains(out, "route_error_rate GET /api/cart") {
		t.Fatalf("exit %d, want 0 and held:\n%s\n%s", code, out, errs)
	}
	code, out, errs = run("deviated.json", `{"name": "carts down", "duration": "2s", "settle": "1s",
	  "faults": [{"target": "GET /api/cart", "kind": "error"}],
	  "hypothesis": [{"metric": "route_error_rate", "route": "GET /api/cart", "max_delta": 0.05}]}`)
	if code != exitDeviated || !strings.Contains(out, "verdict deviated") {
		t.Fatalf("exit %d, want %d and deviated:\n%s\n%s", code, exitDeviated, out, errs)
	}
	code, _, errs = run("bad.yaml", "name: bad\nduration: 2s\nfaults: [{target: x, kind: fire}]\nhypothesis: [{metric: route_p95_ms}]\n")
	if code != 1 || !strings.Contains(errs, "hypothesis[0].route") {
		t.Fatalf("exit %d, stderr %q; want 1 naming hypothesis[0].route", code, errs)
	}
	var stdout, stderr bytes.Buffer
	if code := experimentTool([]string{"walk", "x"}, &stdout, &stderr); code != 2 {
		t.Fatalf("an unknown verb exits %d, want 2", code)
	}
}

// readCarts is a guest reading their cart until ctx ends.
func readCarts(ctx context.Context, url string) {
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, Timeout: 5 * time.Second}
	for ctx.Err() == nil {
		if res, err := client.Get(url + "/api/cart"); err == nil {
			res.Body.Close()
		}
		time.Sleep(20 * time.Millisecond)
	}
}
