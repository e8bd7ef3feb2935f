package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/jubako/jubako/platform/testkit"
)

// logBuffer collects a process's JSON log lines.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// requests returns the access log's lines.
func (l *logBuffer) requests(t *testing.T) []map[string]any {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []map[string]any
	sc := bufio.NewScanner(bytes.NewReader(l.buf.Bytes()))
	for sc.Scan() {
		var line map[string]any
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatalf("log line %q: %v", sc.Text(), err)
		}
		if line["msg"] == "request" {
			out = append(out, line)
		}
	}
	return out
}

func TestAccessLogCarriesTheTrace(t *testing.T) {
	logs := &logBuffer{}
	p := testkit.StartWith(t, testkit.Options{
		Backend: testkit.SQLite(t), Settings: shopSettings, Modules: edge,
		Logger: slog.New(slog.NewJSONHandler(logs, nil)),
	})
	const traceID = "0af7651916cd43dd8448eb211c80319c"
	for _, tc := range []struct {
		name    string
		headers []string
		user    string
		cache   string
	}{
		{"a visitor", []string{"traceparent", "00-" + traceID + "-b7ad6b7169203331-01"}, "anonymous", "MISS"},
		{"a customer, from the cache", []string{"Authorization", testkit.CustomerAuthorization}, "test-customer", "HIT"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := p.Do(t, http.MethodGet, "/api/catalog/products/"+loafers, nil, tc.headers...)
			if res.Status != http.StatusOK || res.Header.Get("X-Cache") != tc.cache {
				t.Fatalf("%d X-Cache %q", res.Status, res.Header.Get("X-Cache"))
			}
			echoed := strings.Split(res.Header.Get("traceparent"), "-")
			if len(echoed) != 4 {
				t.Fatalf("traceparent %q", res.Header.Get("traceparent"))
			}
			if tc.cache == "MISS" && echoed[1] != traceID {
				t.Errorf("trace %s answered, want the caller's %s", echoed[1], traceID)
			}
			line := lineOf(t, logs, res.Header.Get("X-Request-ID"))
			want := map[string]any{
				"level": "INFO", "method": "GET", "route": "/api/catalog/products/:id", "path": "/api/catalog/products/" + loafers,
				"status": 200.0, "user": tc.user, "bytes": float64(len(res.Body)), "trace_id": echoed[1],
			}
			for k, v := range want {
				if line[k] != v {
					t.Errorf("%s = %v, want %v in %v", k, line[k], v, line)
				}
			}
			if d, ok := line["duration_ms"].(float64); !ok || d < 0 {
				t.Errorf("duration_ms %v", line["duration_ms"])
			}
		})
	}
}

// lineOf finds the access log line of a request; the line is written as
// the answer goes out.
func lineOf(t *testing.T, logs *logBuffer, requestID string) map[string]any {
	t.Helper()
	for _, line := range logs.requests(t) {
		if line["request_id"] == requestID {
			return line
		}
	}
	t.Fatalf("no access log line with request_id %q", requestID)
	return nil
}
