package system

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/jubako/jubako/cmd/jubako/internal/linked"
	"github.com/jubako/jubako/modules/storefront"
	"github.com/jubako/jubako/platform/bus"
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

// servedDocument starts the whole shop and reads its API document.
func servedDocument(t *testing.T) (*testkit.Process, []byte) {
	t.Helper()
	p := testkit.Start(t, testkit.SQLite(t), shopSettings, linked.Modules()...)
	res := p.Do(t, http.MethodGet, "/api/openapi.json", nil)
	if res.Status != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("GET /api/openapi.json: %d %s", res.Status, res.Header.Get("Content-Type"))
	}
	return p, res.Body
}

// TestOpenAPIDescribesEveryPublicRoute reads /api/openapi.json from the
// whole shop and compares it with the routes the gateway serves: every
// public route is described and every described route exists; every $ref
// resolves.
func TestOpenAPIDescribesEveryPublicRoute(t *testing.T) {
	p, raw := servedDocument(t)
	var doc apiDoc
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi %q, want 3.1.0", doc.OpenAPI)
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
	newAPISchemas(t, raw).checkRefs(t)
}

// describesEveryModule checks that the shop's front describes the routes
// every contract declares, those of the modules it forwards to other
// processes included.
func describesEveryModule(t *testing.T, s *shop) {
	var doc apiDoc
	status, data := call(t, http.DefaultClient, http.MethodGet, s.url+"/api/openapi.json", nil)
	decode(t, status, data, http.StatusOK, &doc)
	for _, m := range bus.DescribedModules() {
		for _, rt := range bus.RoutesOf(m) {
			if _, ok := doc.Paths[rt.Path][strings.ToLower(rt.Method)]; !ok {
				t.Errorf("%s %s of %s is not described", rt.Method, rt.Path, m)
			}
		}
	}
}

// publicRoutes are the gateway's routes as "METHOD /path/{param}", without
// the probes, the metrics, the internal calls and the HTML pages: the
// console's and the shop's (storefront.PagePaths).
func publicRoutes(p *testkit.Process) []string {
	var out []string
	for _, r := range p.Gateway.App.GetRoutes(true) {
		path := strings.TrimSuffix(r.Path, "/")
		switch {
		case r.Method == http.MethodHead, path == "/healthz", path == "/readyz", path == "/metrics",
			strings.HasPrefix(path, "/internal/"), path == "/admin", strings.HasPrefix(path, "/admin/"), isShopPage(r.Path):
			continue
		}
		out = append(out, docRoute(r.Method+" "+path))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// isShopPage tells the shop's HTML pages and assets from its API.
func isShopPage(path string) bool {
	for _, prefix := range storefront.PagePaths {
		if path == prefix || (prefix != "/" && strings.HasPrefix(path, prefix+"/")) {
			return true
		}
	}
	return false
}

// docRoute writes a fiber route ("GET /api/orders/:id") as the document
// does ("GET /api/orders/{id}").
func docRoute(route string) string {
	return regexp.MustCompile(`:(\w+)`).ReplaceAllString(route, "{$1}")
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
