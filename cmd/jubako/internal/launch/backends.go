package launch

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	"github.com/alicebob/miniredis/v2"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/jubako/jubako/cmd/jubako/internal/topology"
	"github.com/jubako/jubako/platform/broker"
	"github.com/jubako/jubako/platform/db"
)

// embeddedRedis serves a miniredis over TCP for the processes of the
// topology, moving its clock every second so that keys expire.
func embeddedRedis() (string, func(), error) {
	m := miniredis.NewMiniRedis()
	if err := m.Start(); err != nil {
		return "", nil, fmt.Errorf("embedded redis: %w", err)
	}
	stop := make(chan struct{})
	go broker.KeepTime(m, stop)
	return "redis://" + m.Addr() + "/0", func() { close(stop); m.Close() }, nil
}

// database is the driver and DSN of one service's own database.
type database struct {
	driver, dsn string
}

// databases gives each service its database: a SQLite file under dataDir,
// or, with a PostgreSQL server URL, a database <topology>_<service> on it,
// created when missing.
func databases(ctx context.Context, p *topology.Plan, dataDir, server string) (map[string]database, error) {
	out := map[string]database{}
	if server == "" {
		dir := filepath.Join(dataDir, p.Name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		for _, s := range p.Services {
			out[s.Name] = database{driver: db.SQLite, dsn: filepath.Join(dir, s.Name+".db")}
		}
		return out, nil
	}
	base, err := url.Parse(server)
	if err != nil || (base.Scheme != "postgres" && base.Scheme != "postgresql") {
		return nil, fmt.Errorf("--postgres %q: must be a URL, postgres://user@host:5432/db", server)
	}
	for _, s := range p.Services {
		if err := createDatabase(ctx, server, p.Database(s)); err != nil {
			return nil, err
		}
		u := *base
		u.Path = "/" + p.Database(s)
		out[s.Name] = database{driver: db.Postgres, dsn: u.String()}
	}
	return out, nil
}

// createDatabase creates name on the server unless it exists.
func createDatabase(ctx context.Context, server, name string) error {
	conn, err := pgx.Connect(ctx, server)
	if err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize())
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "42P04" { // duplicate_database
		return nil
	}
	if err != nil {
		return fmt.Errorf("postgres: create database %s: %w", name, err)
	}
	return nil
}

// secret is the environment's value of env, or a fresh random one.
func secret(env string) string {
	if v := os.Getenv(env); v != "" {
		return v
	}
	return rand.Text() + rand.Text()
}
