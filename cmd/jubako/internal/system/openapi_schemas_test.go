package system

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// apiSchemas validates JSON against the schemas of a served OpenAPI
// document: each schema is compiled where it sits in the document, so its
// $refs to components resolve as a client's would.
type apiSchemas struct {
	doc      map[string]any
	compiler *jsonschema.Compiler
	compiled map[string]*jsonschema.Schema
}

const apiDocURL = "https://jubako.test/openapi.json"

func newAPISchemas(t *testing.T, raw []byte) *apiSchemas {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("the document is not JSON: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource(apiDocURL, doc); err != nil {
		t.Fatal(err)
	}
	return &apiSchemas{doc: doc.(map[string]any), compiler: c, compiled: map[string]*jsonschema.Schema{}}
}

// answer returns the schema of the JSON answer a route ("GET
// /api/orders/{id}") gives with status; described is false when the
// document has no such answer, and the schema nil when the answer has no
// body.
func (a *apiSchemas) answer(t *testing.T, route string, status int) (schema *jsonschema.Schema, described bool) {
	t.Helper()
	at := append(operationAt(route), "responses", strconv.Itoa(status))
	if a.lookup(at) == nil {
		return nil, false
	}
	return a.schema(t, append(at, "content", "application/json", "schema")), true
}

// requestBody returns the schema of a route's JSON body; nil for none.
func (a *apiSchemas) requestBody(t *testing.T, route string) *jsonschema.Schema {
	t.Helper()
	return a.schema(t, append(operationAt(route), "requestBody", "content", "application/json", "schema"))
}

// routes lists the document's operations as "METHOD /path".
func (a *apiSchemas) routes() []string {
	var out []string
	paths, _ := a.doc["paths"].(map[string]any)
	for path, item := range paths {
		for method := range item.(map[string]any) {
			out = append(out, strings.ToUpper(method)+" "+path)
		}
	}
	slices.Sort(out)
	return out
}

// operationAt is where the document describes a route.
func operationAt(route string) []string {
	method, path, _ := strings.Cut(route, " ")
	return []string{"paths", path, strings.ToLower(method)}
}

// schema compiles the schema at the location, nil when there is none.
func (a *apiSchemas) schema(t *testing.T, at []string) *jsonschema.Schema {
	t.Helper()
	if a.lookup(at) == nil {
		return nil
	}
	var ptr strings.Builder
	for _, token := range at {
		token = strings.NewReplacer("~", "~0", "/", "~1").Replace(token)
		ptr.WriteString("/" + url.PathEscape(token))
	}
	loc := apiDocURL + "#" + ptr.String()
	if s, ok := a.compiled[loc]; ok {
		return s
	}
	s, err := a.compiler.Compile(loc)
	if err != nil {
		t.Fatalf("compile %s: %v", strings.Join(at, " "), err)
	}
	a.compiled[loc] = s
	return s
}

// lookup returns the document's value at the location, or nil.
func (a *apiSchemas) lookup(at []string) any {
	var node any = a.doc
	for _, token := range at {
		m, ok := node.(map[string]any)
		if !ok {
			return nil
		}
		node = m[token]
	}
	return node
}

// properties lists the property names of the schema at the location,
// following a $ref to a component.
func (a *apiSchemas) properties(at []string) []string {
	node, _ := a.lookup(at).(map[string]any)
	if ref, ok := node["$ref"].(string); ok {
		node, _ = a.lookup(refAt(ref)).(map[string]any)
	}
	props, _ := node["properties"].(map[string]any)
	out := []string{}
	for name := range props {
		out = append(out, name)
	}
	return out
}

// refAt is where a local $ref points.
func refAt(ref string) []string { return strings.Split(strings.TrimPrefix(ref, "#/"), "/") }

// checkRefs fails t for every $ref that points nowhere in the document.
func (a *apiSchemas) checkRefs(t *testing.T) {
	t.Helper()
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok && a.lookup(refAt(ref)) == nil {
				t.Errorf("$ref %s points nowhere", ref)
			}
			for _, child := range v {
				walk(child)
			}
		case []any:
			for _, child := range v {
				walk(child)
			}
		}
	}
	walk(a.doc)
}

// validate checks a JSON text against schema; a nil schema wants no body.
func validate(schema *jsonschema.Schema, body []byte) error {
	if schema == nil {
		if len(bytes.TrimSpace(body)) > 0 {
			return fmt.Errorf("a body where the document describes none: %.200s", body)
		}
		return nil
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("not JSON: %w: %.200s", err, body)
	}
	return schema.Validate(v)
}

// jsonOf marshals v, failing t on error.
func jsonOf(t *testing.T, v any) []byte {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
