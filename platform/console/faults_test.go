package console_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestFaultsAreInjectedAndEndedFromTheConsole: the form injects a fault,
// which the list shows and the probe's callers feel; Remove ends it, Halt
// all ends every one; a mistake in the form is named.
func TestFaultsAreInjectedAndEndedFromTheConsole(t *testing.T) {
	p, _ := start(t, true, nil)
	admin := adminCookie(t)
	token := csrf(t, fetch(t, http.MethodGet, p.URL+"/admin/faults", nil, "Cookie", admin))
	act := func(method, path string, form url.Values) page {
		return fetch(t, method, p.URL+path, form, "Cookie", admin, "X-CSRF-Token", token, "HX-Request", "true")
	}
	list := func() string { return fetch(t, http.MethodGet, p.URL+"/admin/live/faults", nil, "Cookie", admin).Body }
	ping := func() error { _, err := pingPoint.Call(context.Background(), p.Bus, poked{ID: "p"}); return err }

	inject := url.Values{"target": {"probe.Ping"}, "kind": {"error"}, "code": {"conflict"}, "latency": {"1s"},
		"percent": {"100"}, "cohort": {"all"}, "ttl": {"5m"}}
	if res := act(http.MethodPost, "/admin/faults", inject); res.Status != http.StatusOK || !strings.Contains(res.Body, "Injected error on probe.Ping for 5m0s") {
		t.Fatalf("inject: %d %s", res.Status, res.Body)
	}
	body := list()
	for _, want := range []string{"probe.Ping", ">error</span>", "conflict", "100 %", "everybody", "of 5m0s"} {
		if !strings.Contains(body, want) {
			t.Errorf("the list lacks %q:\n%s", want, body)
		}
	}
	if err := ping(); err == nil || !strings.Contains(err.Error(), "fault injected") {
		t.Errorf("a call under the fault: %v, want the injected error", err)
	}
	id := between(body, `data-fault="`, `"`)
	if res := act(http.MethodDelete, "/admin/faults/"+id, nil); res.Status != http.StatusOK || !strings.Contains(res.Body, "ended") {
		t.Fatalf("remove: %d %s", res.Status, res.Body)
	}
	if err := ping(); err != nil {
		t.Errorf("a call after the removal: %v", err)
	}

	inject.Set("target", "probe")
	act(http.MethodPost, "/admin/faults", inject)
	inject.Set("target", "GET /api/probe/*")
	act(http.MethodPost, "/admin/faults", inject)
	if n := strings.Count(list(), "data-fault="); n != 2 {
		t.Fatalf("%d faults listed, want 2", n)
	}
	if res := act(http.MethodDelete, "/admin/faults", nil); res.Status != http.StatusOK || !strings.Contains(res.Body, "Every fault ended") {
		t.Fatalf("halt: %d %s", res.Status, res.Body)
	}
	if body := list(); !strings.Contains(body, "No fault is active.") {
		t.Errorf("after the halt:\n%s", body)
	}

	inject.Set("ttl", "forever")
	if res := act(http.MethodPost, "/admin/faults", inject); res.Status != http.StatusBadRequest || !strings.Contains(res.Body, "ttl: not a duration") {
		t.Errorf("a bad TTL: %d %s", res.Status, res.Body)
	}
}

// between is the text of s after the first start, up to end.
func between(s, start, end string) string {
	_, rest, _ := strings.Cut(s, start)
	v, _, _ := strings.Cut(rest, end)
	return v
}
