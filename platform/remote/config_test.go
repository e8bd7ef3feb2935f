package remote_test

import (
	"maps"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jubako/jubako/platform/config"
	"github.com/jubako/jubako/platform/host"
	"github.com/jubako/jubako/platform/testkit"
)

// build builds, without starting, a process that reaches calc remotely,
// and returns the error that stops it.
func build(t *testing.T, settings map[string]any) error {
	t.Helper()
	src, err := config.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	src.Set("http.addr", "127.0.0.1:0")
	src.Set("database.driver", "sqlite")
	src.Set("database.dsn", filepath.Join(t.TempDir(), "jubako.db"))
	for k, v := range settings {
		src.Set(k, v)
	}
	cfg, err := host.LoadConfig(src)
	if err != nil {
		return err
	}
	return host.New(src, cfg, host.Params{Logger: testkit.Logger(t), Remote: []string{"calc"}}).Err()
}

func TestRemoteModulesNeedAddressAndToken(t *testing.T) {
	cases := []struct {
		name     string
		settings map[string]any
		key      string
	}{
		{name: "no address", settings: map[string]any{"service.token": token}, key: "modules.calc.url"},
		{name: "another module's address only", settings: map[string]any{"service.token": token, "modules.cart.url": "http://127.0.0.1:1"}, key: "modules.calc.url"},
		{name: "address not http", settings: map[string]any{"service.token": token, "modules.calc.url": "127.0.0.1:8081"}, key: "modules.calc.url"},
		{name: "no token", settings: map[string]any{"modules.calc.url": "http://127.0.0.1:1"}, key: "service.token"},
		{name: "no token with a default address", settings: map[string]any{"modules.default.url": "http://127.0.0.1:1"}, key: "service.token"},
		{name: "short token", settings: map[string]any{"modules.calc.url": "http://127.0.0.1:1", "service.token": "short"}, key: "service.token"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := build(t, tc.settings)
			if err == nil || !strings.Contains(err.Error(), tc.key) {
				t.Errorf("got %v, want an error naming %s", err, tc.key)
			}
		})
	}
}

func TestDefaultAddressServesModulesWithoutTheirOwn(t *testing.T) {
	s := newCalc()
	server := startServer(t, s)
	dead := deadURL(t)
	cases := []struct {
		name     string
		settings testkit.Settings
	}{
		{name: "default only", settings: testkit.Settings{"modules.default.url": server.URL}},
		{name: "own entry wins", settings: testkit.Settings{"modules.default.url": dead, "modules.calc.url": server.URL}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			settings := testkit.Settings{"service.token": token}
			maps.Copy(settings, tc.settings)
			client := testkit.StartWith(t, testkit.Options{Backend: testkit.SQLite(t), Settings: settings, Remote: []string{"calc"}})
			before := s.adds.Load()
			got, err := add.Call(t.Context(), client.Bus, addRequest{A: 20, B: 22})
			if err != nil || got.Sum != 42 || s.adds.Load() != before+1 {
				t.Errorf("Add = %+v, %s after %d server runs; want 42 from one run", got, describe(err), s.adds.Load()-before)
			}
		})
	}
}
