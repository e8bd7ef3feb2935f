package chaos_test

import (
	"context"
	"testing"
	"time"

	"github.com/jubako/jubako/platform/chaos"
	"github.com/jubako/jubako/platform/testkit"
)

// TestBadFaultsAreRefusedNamingTheField: each mistake is invalid on the
// field at fault, and nothing is stored.
func TestBadFaultsAreRefusedNamingTheField(t *testing.T) {
	p := newProcess(t, redisURL(t, testkit.SQLite(t)))
	good := chaos.Fault{Target: "pay.Charge", Kind: chaos.KindLatency, Latency: time.Second, Percent: 100, Cohort: chaos.CohortAll, TTL: time.Minute}
	for _, tc := range []struct {
		name  string
		field string
		edit  func(f *chaos.Fault)
	}{
		{"no target", "target", func(f *chaos.Fault) { f.Target = "" }},
		{"unknown endpoint", "target", func(f *chaos.Fault) { f.Target = "pay.Steal" }},
		{"unknown module", "target", func(f *chaos.Fault) { f.Target = "bank" }},
		{"route without method", "target", func(f *chaos.Fault) { f.Target = "FETCH /api/x" }},
		{"route without slash", "target", func(f *chaos.Fault) { f.Target = "GET api/x" }},
		{"route to the fault API", "target", func(f *chaos.Fault) { f.Target = "DELETE /api/admin/faults" }},
		{"route to the console", "target", func(f *chaos.Fault) { f.Target = "GET /admin/panels/faults" }},
		{"star inside a route", "target", func(f *chaos.Fault) { f.Target = "GET /api/*/x" }},
		{"bad kind", "kind", func(f *chaos.Fault) { f.Kind = "kill" }},
		{"latency missing", "latency", func(f *chaos.Fault) { f.Latency = 0 }},
		{"negative latency", "latency", func(f *chaos.Fault) { f.Latency = -time.Second }},
		{"negative jitter", "jitter", func(f *chaos.Fault) { f.Jitter = -time.Second }},
		{"latency on an error", "latency", func(f *chaos.Fault) { f.Kind = chaos.KindError }},
		{"code on a latency", "code", func(f *chaos.Fault) { f.Code = "conflict" }},
		{"unknown code", "code", func(f *chaos.Fault) { f.Kind, f.Latency, f.Code = chaos.KindError, 0, "teapot" }},
		{"percent above 100", "percent", func(f *chaos.Fault) { f.Percent = 101 }},
		{"negative percent", "percent", func(f *chaos.Fault) { f.Percent = -1 }},
		{"control cohort", "cohort", func(f *chaos.Fault) { f.Cohort = chaos.CohortControl }},
		{"no ttl", "ttl", func(f *chaos.Fault) { f.TTL = 0 }},
		{"ttl over a day", "ttl", func(f *chaos.Fault) { f.TTL = 25 * time.Hour }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := good
			tc.edit(&f)
			_, err := p.store.Add(context.Background(), f)
			testkit.WantInvalid(t, err, tc.field)
		})
	}
	if listed, _ := p.store.List(context.Background()); len(listed) != 0 {
		t.Errorf("refused faults were stored: %+v", listed)
	}
	for _, target := range []string{"pay.Charge", "pay", "mail", "pay.charged.v1", "GET /api/catalog/products/:id", "POST /api/checkout/*", "GET /api/items/{id}"} {
		f := good
		f.Target = target
		if _, err := p.store.Add(context.Background(), f); err != nil {
			t.Errorf("target %q refused: %v", target, err)
		}
	}
}
