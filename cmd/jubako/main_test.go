package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/testkit"
)

// isolate runs the test in an empty working directory (no jubako.yaml, and
// the default SQLite file lands there) with env set.
func isolate(t *testing.T, env map[string]string) {
	t.Helper()
	t.Chdir(t.TempDir())
	for k, v := range env {
		t.Setenv(k, v)
	}
}

func TestBadInvocationExitsTwoWithOneLine(t *testing.T) {
	cases := []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{
			name: "unsupported driver flag",
			args: []string{"--database.driver=mysql"},
			want: `config: database.driver="mysql": must be sqlite or postgres`,
		},
		{
			name: "bad duration in env",
			env:  map[string]string{"JUBAKO_OUTBOX_KEEP": "3x"},
			want: `config: outbox.keep="3x": not a duration (use 500ms, 30s, 5m…)`,
		},
		{
			name: "negative slow-query threshold",
			env:  map[string]string{"JUBAKO_DATABASE_SLOW_QUERY": "-1s"},
			want: `config: database.slow_query="-1s": must not be negative (0 turns slow-query logging off)`,
		},
		{
			name: "empty listen address",
			args: []string{"--http.addr="},
			want: `config: http.addr="": must be host:port or :port`,
		},
		{
			name: "bad log level for migrate",
			args: []string{"migrate", "--log.level=loud"},
			want: `config: log.level="loud": must be debug, info, warn or error`,
		},
		{
			name: "unknown flag",
			args: []string{"--colour=blue"},
			want: `jubako: unknown flag: --colour`,
		},
		{
			name: "unknown command",
			args: []string{"frobnicate"},
			want: `jubako: unknown command "frobnicate" (want serve, migrate, topology, deploy, healthcheck, loadgen, experiment or projections)`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			isolate(t, tc.env)
			var stderr bytes.Buffer
			if code := run(tc.args, &stderr); code != 2 {
				t.Errorf("exit code %d, want 2", code)
			}
			if got := stderr.String(); got != tc.want+"\n" {
				t.Errorf("stderr:\n got %q\nwant %q", got, tc.want+"\n")
			}
		})
	}
}

func TestMigrateCreatesTablesAndIsRepeatable(t *testing.T) {
	isolate(t, map[string]string{"JUBAKO_LOG_LEVEL": "error"})
	dsn := filepath.Join(t.TempDir(), "x.db")
	for attempt := range 2 {
		var stderr bytes.Buffer
		if code := run([]string{"migrate", "--database.dsn", dsn}, &stderr); code != 0 {
			t.Fatalf("migrate #%d: exit code %d, stderr:\n%s", attempt+1, code, stderr.String())
		}
		if strings.Contains(stderr.String(), "level=ERROR") {
			t.Errorf("migrate #%d logged an error:\n%s", attempt+1, stderr.String())
		}
	}
	d, err := db.Open(db.Config{Driver: db.SQLite, DSN: dsn, MaxOpenConns: 1}, testkit.Logger(t))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	for _, table := range []string{"catalog_products", "jubako_outbox", "catalog_schema_version", "jubako_schema_version"} {
		if !d.Migrator().HasTable(table) {
			t.Errorf("table %s is missing after migrate", table)
		}
	}
}
