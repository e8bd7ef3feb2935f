package db

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"sort"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

// Migration is one owner's versioned SQL files (goose format). Each owner has
// its own version table, <owner>_schema_version, so modules migrate
// independently and a split-out module takes its history with it.
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
		p, err := goose.NewProvider(dialect, sqlDB, m.FS, opts...)
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
