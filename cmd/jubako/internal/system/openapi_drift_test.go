package system

import (
	"cmp"
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/jubako/jubako/platform/bus"
)

// TestOpenAPISchemasFollowTheGoTypes checks that the schema the document
// gives each route's body and answer lists the JSON names of the Go type
// the route declares — the type its handler decodes or sends: renaming,
// adding or removing a field changes the document.
func TestOpenAPISchemasFollowTheGoTypes(t *testing.T) {
	_, raw := servedDocument(t)
	api := newAPISchemas(t, raw)
	for _, m := range bus.DescribedModules() {
		for _, rt := range bus.RoutesOf(m) {
			route := rt.Method + " " + rt.Path
			status := strconv.Itoa(cmp.Or(rt.Status, http.StatusOK))
			if rt.Body != nil {
				at := append(operationAt(route), "requestBody", "content", "application/json", "schema")
				checkProperties(t, route+" body", api.properties(at), rt.Body)
			}
			if rt.Reply != nil {
				at := append(operationAt(route), "responses", status, "content", "application/json", "schema")
				checkProperties(t, route+" answer", api.properties(at), rt.Reply)
			}
		}
	}
}

// checkProperties compares a schema's properties with the JSON names of
// v's type.
func checkProperties(t *testing.T, what string, got []string, v any) {
	t.Helper()
	want := jsonNames(reflect.TypeOf(v))
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("%s: the document lists %v, the Go type %T has %v", what, got, v, want)
	}
}

// jsonNames lists the names encoding/json gives t's fields, sorted.
func jsonNames(t reflect.Type) []string {
	var out []string
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.IsExported() && name != "-" {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// TestOpenAPIRefusesSpoiledAnswers shows the schema check can fail: real
// answers and a real request body validate, and copies of them spoiled as a
// drifting struct would spoil them do not.
func TestOpenAPIRefusesSpoiledAnswers(t *testing.T) {
	p, raw := servedDocument(t)
	api := newAPISchemas(t, raw)
	product := p.Do(t, http.MethodGet, "/api/catalog/products/"+sunglasses, nil).Body
	missing := p.Do(t, http.MethodGet, "/api/catalog/products/NOSUCHTHING", nil).Body
	productAnswer, _ := api.answer(t, "GET /api/catalog/products/{id}", http.StatusOK)
	notFound, _ := api.answer(t, "GET /api/catalog/products/{id}", http.StatusNotFound)
	checkout := api.requestBody(t, "POST /api/checkout")
	for _, tc := range []struct {
		name   string
		schema *jsonschema.Schema
		body   []byte
		spoil  func(v map[string]any)
	}{
		{"a product as served", productAnswer, product, nil},
		{"a product whose name is renamed title", productAnswer, product, func(v map[string]any) { v["title"] = v["name"]; delete(v, "name") }},
		{"a product whose units are text", productAnswer, product, func(v map[string]any) { v["price_usd"].(map[string]any)["units"] = "19" }},
		{"a product without its categories", productAnswer, product, func(v map[string]any) { delete(v, "categories") }},
		{"an error as served", notFound, missing, nil},
		{"an error with an unknown code", notFound, missing, func(v map[string]any) { v["error"].(map[string]any)["code"] = "missing" }},
		{"a checkout form", checkout, jsonOf(t, form(nil)), nil},
		{"a checkout form whose credit_card is renamed card", checkout, jsonOf(t, form(nil)), func(v map[string]any) {
			v["card"] = v["credit_card"]
			delete(v, "credit_card")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := tc.body
			if tc.spoil != nil {
				var v map[string]any
				if err := json.Unmarshal(body, &v); err != nil {
					t.Fatal(err)
				}
				tc.spoil(v)
				body = jsonOf(t, v)
			}
			err := validate(tc.schema, body)
			if spoiled := tc.spoil != nil; spoiled != (err != nil) {
				t.Errorf("spoiled %v, validation error %v: %s", spoiled, err, body)
			}
		})
	}
}
