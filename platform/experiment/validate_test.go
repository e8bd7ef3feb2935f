package experiment_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/jubako/jubako/platform/experiment"
	"github.com/jubako/jubako/shared"
)

// valid is a definition every case breaks in one place.
const valid = `{"name": "slow card", "duration": "5s",
 "hypothesis": [{"metric": "checkout_success_rate", "max_delta": 0.05}, {"metric": "route_p95_ms", "route": "GET /product/:id", "max_delta": 200}],
 "faults": [{"target": "pay.Charge", "kind": "latency", "latency": "300ms"}],
 "abort_when": {"metric": "checkout_success_rate", "below": 0.5}}`

func decode(t *testing.T, change func(m map[string]any)) experiment.Definition {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(valid), &m); err != nil {
		t.Fatal(err)
	}
	change(m)
	data, _ := json.Marshal(m)
	var d experiment.Definition
	if err := shared.DecodeJSON(data, &d); err != nil {
		t.Fatalf("decode: %v", err)
	}
	return d
}

func line(m map[string]any, i int) map[string]any {
	return m["hypothesis"].([]any)[i].(map[string]any)
}

func TestNormalizeNamesTheField(t *testing.T) {
	cases := []struct {
		name   string
		change func(m map[string]any)
		field  string
	}{
		{"no name", func(m map[string]any) { m["name"] = " " }, "name"},
		{"no hypothesis", func(m map[string]any) { m["hypothesis"] = []any{} }, "hypothesis"},
		{"unknown metric", func(m map[string]any) { line(m, 0)["metric"] = "happiness" }, "hypothesis[0].metric"},
		{"route metric without route", func(m map[string]any) { delete(line(m, 1), "route") }, "hypothesis[1].route"},
		{"route without method", func(m map[string]any) { line(m, 1)["route"] = "/product/:id" }, "hypothesis[1].route"},
		{"negative tolerance", func(m map[string]any) { line(m, 1)["max_delta"] = -1 }, "hypothesis[1].max_delta"},
		{"no fault", func(m map[string]any) { m["faults"] = []any{} }, "faults"},
		{"fault kind", func(m map[string]any) { m["faults"].([]any)[0].(map[string]any)["kind"] = "fire" }, "faults[0].kind"},
		{"latency without latency", func(m map[string]any) { delete(m["faults"].([]any)[0].(map[string]any), "latency") }, "faults[0].latency"},
		{"negative latency", func(m map[string]any) { m["faults"].([]any)[0].(map[string]any)["latency"] = "-1s" }, "faults[0].latency"},
		{"code on a latency fault", func(m map[string]any) { m["faults"].([]any)[0].(map[string]any)["code"] = "internal" }, "faults[0].code"},
		{"unknown error code", func(m map[string]any) {
			m["faults"].([]any)[0] = map[string]any{"target": "pay.Charge", "kind": "error", "code": "oops"}
		}, "faults[0].code"},
		{"percent", func(m map[string]any) { m["faults"].([]any)[0].(map[string]any)["percent"] = 150 }, "faults[0].percent"},
		{"no duration", func(m map[string]any) { delete(m, "duration") }, "duration"},
		{"split of one", func(m map[string]any) { m["split"] = 1 }, "split"},
		{"abort without bound", func(m map[string]any) {
			m["abort_when"] = map[string]any{"metric": "route_error_rate", "route": "GET /"}
		}, "abort_when[0]"},
		{"abort metric", func(m map[string]any) { m["abort_when"] = []any{map[string]any{"metric": "x", "below": 1}} }, "abort_when[0].metric"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := decode(t, c.change).Normalize("POST /api/buy")
			var se *shared.Error
			if !errors.As(err, &se) || se.Code != shared.CodeInvalid || se.Field != c.field {
				t.Fatalf("error = %v, want invalid %s", err, c.field)
			}
		})
	}
}

func TestNormalizeFillsDefaults(t *testing.T) {
	d, err := decode(t, func(map[string]any) {}).Normalize("POST /api/buy")
	if err != nil {
		t.Fatal(err)
	}
	if d.Split != 0.5 || d.MinSample != experiment.DefaultMinSample || d.Settle.D() != experiment.DefaultSettle ||
		d.Faults[0].Percent != 100 || d.Hypothesis[0].Route != "POST /api/buy" || d.Duration.D().String() != "5s" {
		t.Fatalf("defaults not filled: %+v", d)
	}
	if _, err := decode(t, func(map[string]any) {}).Normalize(""); shared.AsError(err) == nil || shared.AsError(err).Field != "hypothesis[0].route" {
		t.Fatalf("a checkout line without route nor configured checkout route: %v, want an error on hypothesis[0].route", err)
	}
}
