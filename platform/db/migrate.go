package db

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"sort"
	"strings"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

// Migration is one owner's versioned SQL files (goose format). Each owner has
// its own version table, <owner>_schema_version, so modules migrate
// independently and a split-out module takes its history with it. A file
// named <version>_<name>.<driver>.sql ("00002_events.postgres.sql") runs on
// that driver only, so a version may be written once per dialect.
type Migration struct {
	Owner string
	FS    fs.FS
}

// Migrate applies every pending migration, owners in name order. On
// PostgreSQL a session advisory lock lets several processes start at once.
func Migrate(ctx context.Context, d *DB, migrations []Migration, log *slog.Logger) error {
	sqlDB, err := d.DB.DB()
	if err != nil {
		return err
	}
	sorted := append([]Migration(nil), migrations...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Owner < sorted[j].Owner })
	for _, m := range sorted {
		opts := []goose.ProviderOption{goose.WithTableName(m.Owner + "_schema_version"), goose.WithDisableGlobalRegistry(true)}
		dialect := goose.DialectSQLite3
		if d.Driver == Postgres {
			dialect = goose.DialectPostgres
			locker, err := lock.NewPostgresSessionLocker(lock.WithLockTimeout(1, 300))
			if err != nil {
				return err
			}
			opts = append(opts, goose.WithSessionLocker(locker))
		}
		p, err := goose.NewProvider(dialect, sqlDB, forDriver{m.FS, d.Driver}, opts...)
		if err != nil {
			return fmt.Errorf("migrate %s: %w", m.Owner, err)
		}
		results, err := p.Up(ctx)
		if err != nil {
			return fmt.Errorf("migrate %s: %w", m.Owner, err)
		}
		for _, r := range results {
			log.Info("migration applied", "owner", m.Owner, "version", r.Source.Version, "took", r.Duration)
		}
	}
	return nil
}

// drivers are the dialects a migration file may be written for.
var drivers = []string{SQLite, Postgres}

// forDriver hides the files written for another driver than its own.
type forDriver struct {
	fs.FS
	driver string
}

// ReadDir is what goose lists the files with (fs.Glob).
func (f forDriver) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(f.FS, name)
	if err != nil {
		return nil, err
	}
	kept := make([]fs.DirEntry, 0, len(entries))
	for _, e := range entries {
		if f.mine(e.Name()) {
			kept = append(kept, e)
		}
	}
	return kept, nil
}

// mine reports whether a file is for every driver or for f's.
func (f forDriver) mine(name string) bool {
	for _, d := range drivers {
		if strings.HasSuffix(name, "."+d+".sql") {
			return d == f.driver
		}
	}
	return true
}
