package system

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/jubako/jubako/cmd/jubako/internal/linked"
	"github.com/jubako/jubako/platform/testkit"
)

// apiDoc is the part of an OpenAPI document the tests read.
type apiDoc struct {
	OpenAPI string                                `json:"openapi"`
	Paths   map[string]map[string]json.RawMessage `json:"paths"`
}

type operation struct {
	Parameters []parameter                `json:"parameters"`
	Responses  map[string]json.RawMessage `json:"responses"`
}

type parameter struct {
	Name string `json:"name"`
	In   string `json:"in"`
}

var httpMethods = []string{"get", "put", "post", "delete", "patch", "head", "options"}

// TestOpenAPIDescribesEveryPublicRoute reads /api/openapi.json from the
// whole shop and compares it with the routes the gateway serves: every
// public route is documented and every documented route exists.
func TestOpenAPIDescribesEveryPublicRoute(t *testing.T) {
	p := testkit.Start(t, testkit.SQLite(t), shopSettings, linked.Modules()...)
	res := p.Do(t, http.MethodGet, "/api/openapi.json", nil)
	if res.Status != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("GET /api/openapi.json: %d %s", res.Status, res.Header.Get("Content-Type"))
	}
	var doc apiDoc
	res.Decode(t, &doc)
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi %q, want 3.x", doc.OpenAPI)
	}
	documented := documentedRoutes(t, doc)
	served := publicRoutes(p)
	for _, r := range served {
		if !slices.Contains(documented, r) {
			t.Errorf("%s is served but not in the OpenAPI document", r)
		}
	}
	for _, r := range documented {
		if !slices.Contains(served, r) {
			t.Errorf("the OpenAPI document lists %s, which is not a route", r)
		}
	}
	checkRefs(t, res.Body)
}

// publicRoutes are the gateway's routes as "METHOD /path/{param}", without
// the probes, the metrics, the internal calls and the console's pages.
func publicRoutes(p *testkit.Process) []string {
	var out []string
	for _, r := range p.Gateway.App.GetRoutes(true) {
		path := strings.TrimSuffix(r.Path, "/")
		switch {
		case r.Method == http.MethodHead, path == "/healthz", path == "/readyz", path == "/metrics",
			strings.HasPrefix(path, "/internal/"), path == "/admin", strings.HasPrefix(path, "/admin/"):
			continue
		}
		out = append(out, r.Method+" "+regexp.MustCompile(`:(\w+)`).ReplaceAllString(path, "{$1}"))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// documentedRoutes lists the document's operations, checking that each
// declares its path parameters and answers something.
func documentedRoutes(t *testing.T, doc apiDoc) []string {
	var out []string
	for path, item := range doc.Paths {
		params := regexp.MustCompile(`\{(\w+)\}`).FindAllStringSubmatch(path, -1)
		for _, m := range httpMethods {
			raw, ok := item[m]
			if !ok {
				continue
			}
			route := strings.ToUpper(m) + " " + path
			out = append(out, route)
			var op operation
			if err := json.Unmarshal(raw, &op); err != nil {
				t.Fatalf("%s: %v", route, err)
			}
			if len(op.Responses) == 0 {
				t.Errorf("%s has no responses", route)
			}
			for _, want := range params {
				if !slices.Contains(op.Parameters, parameter{Name: want[1], In: "path"}) {
					t.Errorf("%s does not declare its path parameter %s", route, want[1])
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

// checkRefs fails t for every $ref that points nowhere in the document.
func checkRefs(t *testing.T, raw []byte) {
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, child := range v {
				if ref, ok := child.(string); ok && k == "$ref" && !resolves(doc, ref) {
					t.Errorf("$ref %s points nowhere", ref)
				}
				walk(child)
			}
		case []any:
			for _, child := range v {
				walk(child)
			}
		}
	}
	walk(doc)
}

func resolves(doc map[string]any, ref string) bool {
	var node any = doc
	for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
		m, ok := node.(map[string]any)
		if !ok {
			return false
		}
		if node, ok = m[part]; !ok {
			return false
		}
	}
	return true
}
