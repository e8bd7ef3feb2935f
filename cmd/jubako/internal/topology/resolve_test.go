package topology

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	_ "github.com/jubako/jubako/cmd/jubako/internal/linked" // the contracts declare their public paths
)

var modules = []string{"cart", "catalog", "orders", "payment", "shipping"}

func resolve(t *testing.T, file string) (*Plan, error) {
	t.Helper()
	f, err := Parse([]byte(file))
	if err != nil {
		return nil, err
	}
	return Resolve(f, modules)
}

// TestPlacement: modules no service lists go to the front, or each to a
// service of its own; tags link exactly a service's modules.
func TestPlacement(t *testing.T) {
	cases := []struct {
		name, file string
		want       map[string]string // service: modules / tags
	}{
		{name: "monolith", file: "name: m\nservices: [{name: shop, replicas: 3}]",
			want: map[string]string{"shop": "cart,catalog,orders,payment,shipping / "}},
		{name: "two split out", file: "name: m\nservices: [{name: front}, {name: pay, modules: [payment]}, {name: ship, modules: [shipping]}]",
			want: map[string]string{"front": "cart,catalog,orders / split_payment,split_shipping", "pay": "payment / only_payment", "ship": "shipping / only_shipping"}},
		{name: "a pair split out", file: "name: m\nservices: [{name: front}, {name: money, modules: [shipping, payment]}]",
			want: map[string]string{"front": "cart,catalog,orders / split_payment,split_shipping", "money": "payment,shipping / split_cart,split_catalog,split_orders"}},
		{name: "others own", file: "name: m\nothers: own\nservices: [{name: web, modules: [cart, catalog]}]",
			want: map[string]string{"web": "cart,catalog / split_orders,split_payment,split_shipping", "orders": "orders / only_orders",
				"payment": "payment / only_payment", "shipping": "shipping / only_shipping"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := resolve(t, tc.file)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, s := range p.Services {
				got[s.Name] = strings.Join(s.Modules, ",") + " / " + s.Tags
			}
			if !equal(got, tc.want) {
				t.Errorf("placed %v, want %v", got, tc.want)
			}
		})
	}
}

// TestDefaults: what a minimal file means.
func TestDefaults(t *testing.T) {
	p, err := resolve(t, "name: m\nservices: [{name: front}, {name: pay, modules: [payment]}]")
	if err != nil {
		t.Fatal(err)
	}
	pay := p.Owner("payment")
	switch {
	case p.Image != DefaultImage || p.Tag != DefaultTag || p.Postgres != PostgresShared:
		t.Errorf("image %s:%s, postgres %s", p.Image, p.Tag, p.Postgres)
	case pay.Replicas != 1 || pay.MaxReplicas != 2 || pay.CPU != DefaultCPU || pay.Memory != DefaultMemory:
		t.Errorf("service defaults %+v", pay)
	case p.StopTimeout != 40*time.Second:
		t.Errorf("stop timeout %s, want the default drains (20s + 20s)", p.StopTimeout)
	case !slices.Contains(pay.Paths, "/api/payment") || !slices.Contains(p.Front().Paths, "/api/checkout"):
		t.Errorf("paths: payment %v, front %v", pay.Paths, p.Front().Paths)
	case p.ImageOf(pay) != "jubako-pay:latest" || p.Database(pay) != "m_pay":
		t.Errorf("image %s, database %s", p.ImageOf(pay), p.Database(pay))
	}
}

func equal(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestMistakesNameTheirField: every mistake is refused with the field at
// fault.
func TestMistakesNameTheirField(t *testing.T) {
	cases := []struct{ name, file, field, says string }{
		{"no name", "services: [{name: a}]", "name", "lowercase"},
		{"bad name", "name: My_Shop\nservices: [{name: a}]", "name", "lowercase"},
		{"no services", "name: m", "services", "is empty"},
		{"unknown module", "name: m\nservices: [{name: a}, {name: b, modules: [paymnt]}]", "services[1].modules[0]", `unknown module "paymnt"`},
		{"module twice", "name: m\nservices: [{name: a, modules: [cart]}, {name: b, modules: [cart]}]", "services[1].modules[0]", "runs in service a already"},
		{"service twice", "name: m\nservices: [{name: a}, {name: a, modules: [cart]}]", "services[1].name", "names two services"},
		{"service without modules", "name: m\nservices: [{name: a}, {name: b}]", "services[1].modules", "runs no module"},
		{"front without modules", "name: m\nothers: own\nservices: [{name: a}]", "services[0].modules", "runs no module"},
		{"others clash", "name: m\nothers: own\nservices: [{name: cart, modules: [orders]}]", "others", "names two services"},
		{"zero replicas", "name: m\nservices: [{name: a, replicas: 0}]", "services[0].replicas", "at least 1"},
		{"max below replicas", "name: m\nservices: [{name: a, replicas: 3, max_replicas: 2}]", "services[0].max_replicas", "at least replicas"},
		{"bad cpu", "name: m\nservices: [{name: a, cpu: lots}]", "services[0].cpu", "not a quantity"},
		{"too long", "name: " + strings.Repeat("m", 50) + "\nservices: [{name: front}]", "services[0].name", "too long"},
		{"bad others", "name: m\nothers: elsewhere\nservices: [{name: a}]", "others", "front or own"},
		{"bad postgres", "name: m\npostgres: mysql\nservices: [{name: a}]", "postgres", "shared or per-service"},
		{"secret in settings", "name: m\nservices: [{name: a}]\nsettings: {service.token: x}", "settings.service.token", "secret"},
		{"module url in settings", "name: m\nservices: [{name: a}]\nsettings: {modules.cart.url: x}", "settings.modules.cart.url", "wires"},
		{"not a key", "name: m\nservices: [{name: a}]\nsettings: {Verbose: x}", "settings.Verbose", "not a configuration key"},
		{"bad drain", "name: m\nservices: [{name: a}]\nsettings: {http.shutdown_timeout: soon}", "settings.http.shutdown_timeout", "not a duration"},
		{"bad host", "name: m\nservices: [{name: a}]\ningress: {host: 'no host'}", "ingress.host", "not a host name"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := resolve(t, tc.file)
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != tc.field || !strings.Contains(fe.Message, tc.says) {
				t.Errorf("error %v, want field %s saying %q", err, tc.field, tc.says)
			}
		})
	}
}

// TestParseRefusesUnknownKeys: a misspelt key is an error with its line.
func TestParseRefusesUnknownKeys(t *testing.T) {
	cases := []struct{ name, file, says string }{
		{"misspelt key", "name: m\nservices:\n  - name: a\n    replica: 2\n", "line 4: field replica not found"},
		{"setting not a scalar", "name: m\nsettings:\n  log.level: [debug]\n", "line 3: a setting must be a single value"},
		{"empty", "", "empty"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Parse([]byte(tc.file)); err == nil || !strings.Contains(err.Error(), tc.says) {
				t.Errorf("error %v, want one saying %q", err, tc.says)
			}
		})
	}
}
