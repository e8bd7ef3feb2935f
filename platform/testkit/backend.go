// Package testkit runs one suite against every backend a machine offers:
// SQLite with the embedded Redis always, and PostgreSQL with a real Redis
// when JUBAKO_TEST_POSTGRES_DSN and JUBAKO_TEST_REDIS_URL are set. When they
// are set but the servers do not answer, the suite fails — it never skips.
package testkit

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/jubako/jubako/platform/db"
)

// Environment variables that enable the integration backends.
const (
	EnvPostgres = "JUBAKO_TEST_POSTGRES_DSN"
	EnvRedis    = "JUBAKO_TEST_REDIS_URL"
)

// Backend is a database and a Redis for one run of a suite. Each call of
// Backends gives fresh, private ones: a new SQLite file or PostgreSQL
// database, an embedded Redis or a Redis database number of its own.
type Backend struct {
	Name     string
	Driver   string
	DSN      string
	RedisURL string
}

// Backends lists the backends to run against, each freshly provisioned and
// cleaned up when t ends.
func Backends(t testing.TB) []Backend {
	t.Helper()
	out := []Backend{SQLite(t)}
	if os.Getenv(EnvPostgres) != "" || os.Getenv(EnvRedis) != "" {
		out = append(out, Postgres(t))
	}
	return out
}

// SQLite is a fresh SQLite file with the embedded Redis.
func SQLite(t testing.TB) Backend {
	return Backend{Name: "sqlite", Driver: db.SQLite, DSN: filepath.Join(t.TempDir(), "jubako.db")}
}

// Postgres is a fresh PostgreSQL database with a private Redis database.
func Postgres(t testing.TB) Backend {
	t.Helper()
	return Backend{Name: "postgres", Driver: db.Postgres, DSN: NewPostgresDatabase(t), RedisURL: NewRedisDatabase(t)}
}

// Each runs fn as a subtest per backend.
func Each(t *testing.T, fn func(t *testing.T, be Backend)) {
	t.Helper()
	for _, be := range Backends(t) {
		t.Run(be.Name, func(t *testing.T) { fn(t, be) })
	}
}

// Main is the one backend for suites too slow to run on each: PostgreSQL with
// Redis when configured (closest to production), else SQLite.
func Main(t testing.TB) Backend {
	t.Helper()
	if os.Getenv(EnvPostgres) != "" || os.Getenv(EnvRedis) != "" {
		return Postgres(t)
	}
	return SQLite(t)
}

// Another returns a fresh database of be's kind, for another process of a
// topology: each service owns its database.
func (be Backend) Another(t testing.TB) string {
	t.Helper()
	if be.Driver == db.Postgres {
		return NewPostgresDatabase(t)
	}
	return filepath.Join(t.TempDir(), "jubako.db")
}

// SharedRedis returns a Redis URL that several processes can share: be's,
// or, on the embedded default, a miniredis served over TCP for this test.
func (be Backend) SharedRedis(t testing.TB) string {
	t.Helper()
	if be.RedisURL != "" {
		return be.RedisURL
	}
	return "redis://" + ServeRedis(t).Addr()
}

// Open opens be's database with the default settings, closed when t ends;
// it migrates nothing.
func (be Backend) Open(t testing.TB) *db.DB {
	t.Helper()
	cfg := db.Defaults()
	cfg.Driver, cfg.DSN = be.Driver, be.DSN
	d, err := db.Open(cfg, Logger(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Close() })
	return d
}
