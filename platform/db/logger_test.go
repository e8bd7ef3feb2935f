package db_test

import (
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/testkit"
)

func TestOnlySlowQueriesAreLoggedWithoutTheirParameters(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		query := func(t *testing.T, slow time.Duration, debug bool) []map[string]any {
			logs := &testkit.LogBuffer{}
			cfg := db.Defaults()
			cfg.Driver, cfg.DSN, cfg.SlowQuery = be.Driver, be.DSN, slow
			d, err := db.Open(cfg, slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = d.Close() })
			var tx *gorm.DB = d.DB
			if debug {
				tx = tx.Debug()
			}
			// Scan and Exec reach the logger by different paths.
			var got string
			if err := tx.Raw("SELECT ?", "ada's secret").Scan(&got).Error; err != nil || got != "ada's secret" {
				t.Fatalf("query: %q %v", got, err)
			}
			if err := tx.Exec("SELECT ?", "ada's other secret").Error; err != nil {
				t.Fatal(err)
			}
			return logs.Lines(t, "SQL executed")
		}

		// Every query takes longer than a nanosecond.
		lines := query(t, time.Nanosecond, false)
		if len(lines) != 2 {
			t.Fatalf("%d lines for two queries slower than the threshold: %v", len(lines), lines)
		}
		for _, l := range lines {
			if s := fmt.Sprint(l); !strings.Contains(s, "SELECT") || strings.Contains(s, "secret") || l["level"] != "WARN" {
				t.Errorf("slow query line %s, want a WARN with the SQL and without its parameter", s)
			}
		}
		if lines := query(t, time.Hour, false); len(lines) != 0 {
			t.Errorf("fast queries were logged: %v", lines)
		}
		if lines := query(t, 0, false); len(lines) != 0 {
			t.Errorf("with the threshold off, queries were logged: %v", lines)
		}
		if lines := query(t, time.Hour, true); len(lines) != 2 {
			t.Errorf("gorm's Debug() logged %d lines for two queries", len(lines))
		}
	})
}
