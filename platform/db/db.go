// Package db opens the one database of a process with gorm — SQLite (pure Go,
// the default) or PostgreSQL — runs each module's embedded migrations, and
// offers Transact, whose commit wakes the outbox relay.
package db

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

// DB is a gorm handle that knows its dialect and tells listeners when a
// transaction that wrote to the outbox has committed.
type DB struct {
	*gorm.DB
	Driver    string
	committed chan struct{}
	writes    *writes
	writer    writer
}

// Open connects and configures the pool. For SQLite it creates the file's
// directory and sets WAL, busy_timeout, synchronous=NORMAL, foreign keys and
// immediate transactions, so concurrent read-then-write transactions queue
// instead of failing with SQLITE_BUSY.
func Open(cfg Config, log *slog.Logger) (*DB, error) {
	var dialector gorm.Dialector
	switch cfg.Driver {
	case SQLite:
		dsn, err := sqliteDSN(cfg.DSN)
		if err != nil {
			return nil, err
		}
		dialector = sqlite.Open(dsn)
	case Postgres:
		dialector = pgDialector{&postgres.Dialector{Config: &postgres.Config{DSN: cfg.DSN}}}
	default:
		return nil, fmt.Errorf("db: unsupported driver %q", cfg.Driver)
	}
	g, err := gorm.Open(dialector, &gorm.Config{
		Logger:                 newLogger(log, cfg.SlowQuery),
		SkipDefaultTransaction: true,
		TranslateError:         cfg.Driver == Postgres,
		PrepareStmt:            true,
		NowFunc:                func() time.Time { return time.Now().UTC() },
	})
	if err != nil {
		return nil, fmt.Errorf("db: open %s: %w", cfg.Driver, err)
	}
	sqlDB, err := g.DB()
	if err != nil {
		return nil, err
	}
	sqlDB.SetMaxOpenConns(cfg.MaxOpenConns)
	sqlDB.SetMaxIdleConns(cfg.MaxOpenConns)
	if err := sqlDB.Ping(); err != nil {
		return nil, fmt.Errorf("db: connect %s: %w", cfg.Driver, err)
	}
	w := &writes{}
	if err := w.register(g); err != nil {
		return nil, err
	}
	if cfg.Driver == Postgres {
		if err := classifyStatements(g); err != nil {
			return nil, err
		}
	}
	return &DB{DB: g, Driver: cfg.Driver, committed: make(chan struct{}, 1), writes: w, writer: newWriter(cfg.Driver)}, nil
}

// DefaultSQLitePath is where the zero-config database lives.
const DefaultSQLitePath = "data/jubako.db"

func sqliteDSN(dsn string) (string, error) {
	if dsn == "" {
		dsn = DefaultSQLitePath
	}
	path, query, _ := strings.Cut(strings.TrimPrefix(dsn, "file:"), "?")
	if path != ":memory:" && path != "" {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return "", fmt.Errorf("db: create directory for %s: %w", path, err)
		}
	}
	q, err := url.ParseQuery(query)
	if err != nil {
		return "", fmt.Errorf("db: sqlite dsn query: %w", err)
	}
	for _, p := range []string{"journal_mode(WAL)", "busy_timeout(" + strconv.Itoa(int(busyTimeout.Milliseconds())) + ")", "synchronous(NORMAL)", "foreign_keys(1)", "mmap_size(268435456)"} {
		q.Add("_pragma", p)
	}
	if q.Get("_txlock") == "" {
		q.Set("_txlock", "immediate")
	}
	return "file:" + path + "?" + q.Encode(), nil
}

// Close releases the pool.
func (d *DB) Close() error {
	sqlDB, err := d.DB.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// Ping checks the connection, for readiness probes.
func (d *DB) Ping(ctx context.Context) error {
	sqlDB, err := d.DB.DB()
	if err != nil {
		return err
	}
	return sqlDB.PingContext(ctx)
}

// Now is the database clock's idea of "now" as the app writes it: UTC,
// truncated to microseconds so both drivers store and compare it alike.
func Now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// IsUniqueViolation reports whether err is a unique index's refusal:
// PostgreSQL's by its SQLSTATE (23505), SQLite's by its message.
func IsUniqueViolation(err error) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code == "23505"
	}
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}
