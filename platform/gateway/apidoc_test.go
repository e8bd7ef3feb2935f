package gateway_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// TestAPIDocumentFollowsTheGoTypes checks that the document's schemas are
// the declared Go types': a renamed field is renamed in the document, a
// field without omitempty is required, a pointer to a struct may be null.
// A module served by another process is described all the same.
func TestAPIDocumentFollowsTheGoTypes(t *testing.T) {
	for _, tc := range []struct {
		name, path, schema   string
		local, remote        []string
		properties, required []string
	}{
		{"v1", "/api/widgets/{id}", "GatewayTestWidgetV1", []string{"widgets"}, nil, []string{"name", "price", "size"}, []string{"name", "price"}},
		{"v2, served by another process", "/api/gadgets/{id}", "GatewayTestWidgetV2", nil, []string{"gadgets"},
			[]string{"price", "size", "title"}, []string{"title", "price"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, err := startDocumented(t, tc.local, tc.remote)
			if err != nil {
				t.Fatal(err)
			}
			doc := document(t, g)
			ref := "#/components/schemas/" + tc.schema
			op := []string{"paths", tc.path, "put"}
			for _, where := range [][]string{{"requestBody"}, {"responses", "200"}} {
				where = append(append(op, where...), "content", "application/json", "schema", "$ref")
				if got := at(doc, where...); got != ref {
					t.Errorf("%v: %v, want %s", where, got, ref)
				}
			}
			schema := []string{"components", "schemas", tc.schema}
			if got := keysOf(at(doc, append(schema, "properties")...)); !slices.Equal(got, tc.properties) {
				t.Errorf("properties %v, want %v", got, tc.properties)
			}
			if got := jsonOf(at(doc, append(schema, "required")...)); got != jsonOf(tc.required) {
				t.Errorf("required %s, want %s", got, jsonOf(tc.required))
			}
			want := `{"anyOf":[{"type":"null"},{"$ref":"#/components/schemas/SharedMoney"}]}`
			if got := jsonOf(at(doc, append(schema, "properties", "price")...)); got != want {
				t.Errorf("price %s, want %s", got, want)
			}
		})
	}
}

func jsonOf(v any) string {
	data, _ := json.Marshal(v)
	return string(data)
}

// TestAPIDocumentDescribesTheEdge checks what the gateway adds to a
// route's own description: who may call it, the errors it names and those
// of the edge, the shared parameters and headers; and that a module the
// process neither serves nor forwards is left out.
func TestAPIDocumentDescribesTheEdge(t *testing.T) {
	g, err := startDocumented(t, []string{"widgets", "gadgets"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	doc := document(t, g)
	widget, gadget := []string{"paths", "/api/widgets/{id}", "put"}, []string{"paths", "/api/gadgets/{id}", "put"}
	of := func(op []string, location ...string) []string { return append(append([]string{}, op...), location...) }
	for _, tc := range []struct {
		location []string
		want     string
	}{
		{of(widget, "security"), `[{"bearer":[]}]`},
		{of(gadget, "security"), `[{},{"bearer":[]},{"guestSession":[]}]`},
		{of(widget, "responses", "403", "description"), `"forbidden: the route is for admins"`},
		{of(widget, "responses", "404", "description"), `"not_found (reason widget_not_found): no such widget"`},
		{of(widget, "responses", "404", "content", "application/json", "schema", "$ref"), `"#/components/schemas/GatewayErrorBody"`},
		{of(gadget, "responses", "403"), `null`},
		{[]string{"paths", "/api/broken/{id}"}, `null`}, // declared, but neither served nor forwarded here
		{of(gadget, "responses", "429", "headers", "Retry-After", "$ref"), `"#/components/headers/Retry-After"`},
		{of(gadget, "parameters"), `[{"$ref":"#/components/parameters/RequestID"},{"$ref":"#/components/parameters/IdempotencyKey"},` +
			`{"description":"a widget's id","in":"path","name":"id","required":true,"schema":{"description":"a widget's id","type":"string"}}]`},
		{[]string{"components", "schemas", "SharedError", "properties", "code", "$ref"}, `"#/components/schemas/SharedCode"`},
		{[]string{"components", "schemas", "SharedCode", "enum"}, `["not_found","invalid","conflict","unauthorized","forbidden","unavailable","internal"]`},
	} {
		if got := jsonOf(at(doc, tc.location...)); got != tc.want {
			t.Errorf("%v: %s, want %s", tc.location, got, tc.want)
		}
	}
}

// TestAPIDocumentRefusesAnIncompleteDescription checks that a description
// the reflector cannot turn into OpenAPI stops the process at start,
// naming the route.
func TestAPIDocumentRefusesAnIncompleteDescription(t *testing.T) {
	_, err := startDocumented(t, []string{"broken"}, nil)
	if err == nil || !strings.Contains(err.Error(), "GET /api/broken/{id}") || !strings.Contains(err.Error(), "path parameter") {
		t.Fatalf("Start: %v, want an error naming GET /api/broken/{id} and its path parameter", err)
	}
}
