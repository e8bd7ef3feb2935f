package resilience_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"testing"

	"github.com/jubako/jubako/platform/resilience"
	"github.com/jubako/jubako/platform/testkit"
)

func TestStaleAnswersAreNamedInTheHeader(t *testing.T) {
	each(t, nil, func(t *testing.T, h harness) {
		if res := h.caller.Do(t, http.MethodGet, "/api/edge/read/a", nil); res.Status != http.StatusOK || res.Header.Get("X-Jubako-Stale") != "" {
			t.Fatalf("healthy: %d %s, stale %q", res.Status, res.Body, res.Header.Get("X-Jubako-Stale"))
		}
		h.mode.Store("down")
		res := h.caller.Do(t, http.MethodGet, "/api/edge/read/a", nil)
		if res.Status != http.StatusOK || !regexp.MustCompile(`^stub\.Read;age=\d+s$`).MatchString(res.Header.Get("X-Jubako-Stale")) {
			t.Errorf("provider down: %d %s, X-Jubako-Stale %q; want 200 from the last good reply, named stale", res.Status, res.Body, res.Header.Get("X-Jubako-Stale"))
		}
		if res := h.caller.Do(t, http.MethodGet, "/api/edge/read/b", nil); res.Status != http.StatusServiceUnavailable {
			t.Errorf("provider down, nothing kept: %d %s; want 503", res.Status, res.Body)
		}
	})
}

func TestAdminSeesAndForcesBreakers(t *testing.T) {
	settings := testkit.Settings{"resilience.edges": []map[string]any{{"caller": "edge", "endpoint": "stub.Read", "timeout": "1s"}}}
	each(t, settings, func(t *testing.T, h harness) {
		admin := []string{"Authorization", testkit.AdminAuthorization}
		h.caller.Do(t, http.MethodGet, "/api/edge/read/a", nil)
		breaker := func() resilience.Breaker {
			var list struct{ Breakers []resilience.Breaker }
			res := h.caller.Do(t, http.MethodGet, "/api/admin/breakers", nil, admin...)
			if err := json.Unmarshal(res.Body, &list); err != nil || res.Status != http.StatusOK {
				t.Fatalf("breakers: %d %s", res.Status, res.Body)
			}
			for _, b := range list.Breakers {
				if b.Endpoint == "stub.Read" && b.Caller == "edge" {
					return b
				}
			}
			t.Fatalf("no breaker for edge→stub.Read in %s", res.Body)
			return resilience.Breaker{}
		}
		if b := breaker(); b.State != "closed" || b.Calls != 1 || b.LastGood == nil || b.LastGood.Entries != 1 || b.Policy.Timeout != "1s" {
			t.Errorf("after one call: %+v; want closed, 1 call, 1 last good reply, the edge's timeout", b)
		}

		force := func(state string) int {
			return h.caller.Do(t, http.MethodPost, "/api/admin/breakers/force", map[string]string{"endpoint": "stub.Read", "caller": "edge", "state": state}, admin...).Status
		}
		if status := force("open"); status != http.StatusOK {
			t.Fatalf("force open: %d", status)
		}
		res := h.caller.Do(t, http.MethodGet, "/api/edge/read/a", nil)
		if res.Status != http.StatusOK || res.Header.Get("X-Jubako-Stale") == "" || h.runs.Load() != 1 {
			t.Errorf("forced open: %d, stale %q, provider ran %d times; want the last good reply, the provider spared", res.Status, res.Header.Get("X-Jubako-Stale"), h.runs.Load())
		}
		if b := breaker(); b.State != "forced-open" || b.Rejected != 1 || b.Stale != 1 {
			t.Errorf("forced open: %+v", b)
		}
		force("auto")
		if res := h.caller.Do(t, http.MethodGet, "/api/edge/read/a", nil); res.Header.Get("X-Jubako-Stale") != "" || h.runs.Load() != 2 {
			t.Errorf("back to auto: stale %q, provider ran %d times; want a fresh answer", res.Header.Get("X-Jubako-Stale"), h.runs.Load())
		}
		if status := force("sideways"); status != http.StatusBadRequest {
			t.Errorf("force sideways: %d, want 400", status)
		}
		if res := h.caller.Do(t, http.MethodPost, "/api/admin/breakers/force", map[string]string{"endpoint": "stub.Read", "state": "open"}); res.Status != http.StatusUnauthorized {
			t.Errorf("force without a token: %d, want 401", res.Status)
		}

		var reg struct{ Policies []resilience.EndpointPolicy }
		json.Unmarshal(h.caller.Do(t, http.MethodGet, "/api/admin/registry", nil, admin...).Body, &reg)
		for _, p := range reg.Policies {
			if p.Endpoint == "stub.Read" && (!p.LastGood || p.Policy.Timeout != "2s" || len(p.Edges) != 1 || p.Edges[0].Policy.Timeout != "1s") {
				t.Errorf("registry's policy of stub.Read: %+v; want last good, 2s, the edge's 1s", p)
			}
		}
	})
}
