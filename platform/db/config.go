package db

import (
	"time"

	"github.com/jubako/jubako/platform/config"
)

// Drivers jubako speaks.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// Config is the database section: database.driver, database.dsn, …
type Config struct {
	Driver string `config:"driver"`
	// DSN is a file path (or file: URI) for SQLite, a URL or key=value DSN for
	// PostgreSQL. Empty with SQLite means ./data/jubako.db.
	DSN          string        `config:"dsn" secret:"true"`
	MaxOpenConns int           `config:"max_open_conns"`
	SlowQuery    time.Duration `config:"slow_query"`
}

// Defaults is the zero-config database: SQLite under ./data.
func Defaults() Config {
	return Config{Driver: SQLite, MaxOpenConns: 16, SlowQuery: 200 * time.Millisecond}
}

// Validate checks the section.
func (c Config) Validate() error {
	switch {
	case c.Driver != SQLite && c.Driver != Postgres:
		return config.Invalid("driver", c.Driver, "must be sqlite or postgres")
	case c.Driver == Postgres && c.DSN == "":
		return config.Invalid("dsn", c.DSN, "is required for postgres")
	case c.MaxOpenConns < 1:
		return config.Invalid("max_open_conns", c.MaxOpenConns, "must be at least 1")
	case c.SlowQuery < 0:
		return config.Invalid("slow_query", c.SlowQuery, "must not be negative (0 turns slow-query logging off)")
	}
	return nil
}
