package gateway_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"

	"github.com/jubako/jubako/platform/auth"
	"github.com/jubako/jubako/platform/broker"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/platform/telemetry"
	"github.com/jubako/jubako/shared"
)

// Two versions of one body: v2 renames a field.
type (
	widgetV1 struct {
		Name  string        `json:"name"`
		Size  int           `json:"size,omitempty"`
		Price *shared.Money `json:"price"`
	}
	widgetV2 struct {
		Title string        `json:"title"`
		Size  int           `json:"size,omitempty"`
		Price *shared.Money `json:"price"`
	}
	widgetPath struct {
		ID string `path:"id" description:"a widget's id"`
	}
)

var errNoWidget = shared.NewReason(shared.CodeNotFound, "widget_not_found", "no such widget")

var (
	_ = bus.Routes("widgets", bus.Route{Method: http.MethodPut, Path: "/api/widgets/{id}", Summary: "Replace a widget",
		Access: bus.Admins, Params: widgetPath{}, Body: widgetV1{}, Reply: widgetV1{}, Errors: []*shared.Error{errNoWidget}})
	_ = bus.Routes("gadgets", bus.Route{Method: http.MethodPut, Path: "/api/gadgets/{id}", Summary: "Replace a gadget",
		Params: widgetPath{}, Body: widgetV2{}, Reply: widgetV2{}, IdempotencyKey: true})
	// A path parameter without its Params: no document can say what it is.
	_ = bus.Routes("broken", bus.Route{Method: http.MethodGet, Path: "/api/broken/{id}", Summary: "Broken"})
)

// startDocumented starts a gateway serving the API document, its bus
// running the local modules and routing the remote ones to other
// processes.
func startDocumented(t *testing.T, local, remote []string) (*gateway.Gateway, error) {
	t.Helper()
	tel, err := telemetry.New(telemetry.Defaults(), "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = tel.Shutdown(context.Background()) })
	keys, err := auth.Load(auth.Config{SigningKey: "a-test-signing-key-0123456789abcdef", TokenTTL: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	br := broker.Embedded(miniredis.NewMiniRedis())
	t.Cleanup(func() { _ = br.Close() })
	b := bus.New()
	for _, m := range local {
		b.AddModule(m)
	}
	for _, m := range remote {
		b.Route(m, elsewhere{})
	}
	cfg := gateway.Defaults()
	cfg.Addr = "127.0.0.1:0"
	g := gateway.New(cfg, keys, telemetry.NewMetrics(), br, b, slog.New(slog.NewTextHandler(io.Discard, nil)))
	g.ServeAPI("/api/openapi.json", gateway.APIInfo{Title: "test", Version: "1"})
	if err := g.Start(context.Background()); err != nil {
		return nil, err
	}
	t.Cleanup(func() { _ = g.Stop(context.Background()) })
	return g, nil
}

// elsewhere stands for another process: it is never called.
type elsewhere struct{}

func (elsewhere) Invoke(context.Context, *bus.Call) error { return shared.ErrUnavailable }

// document fetches the served document.
func document(t *testing.T, g *gateway.Gateway) map[string]any {
	t.Helper()
	res, err := g.App.Test(httptest.NewRequest(http.MethodGet, "/api/openapi.json", nil))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.NewDecoder(res.Body).Decode(&doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// at reads the document at a location.
func at(doc map[string]any, location ...string) any {
	var node any = doc
	for _, token := range location {
		m, _ := node.(map[string]any)
		node = m[token]
	}
	return node
}

func keysOf(v any) []string {
	m, _ := v.(map[string]any)
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
