package db_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/testkit"
)

// Test-only owners: alpha creates a table then seeds a row, beta comes
// later, gamma's second migration fails halfway through.
var (
	alpha = db.Migration{Owner: "alpha", FS: fstest.MapFS{
		"00001_items.sql": {Data: []byte("-- +goose Up\nCREATE TABLE alpha_items (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n")},
		"00002_seed.sql":  {Data: []byte("-- +goose Up\nINSERT INTO alpha_items (id, name) VALUES (1, 'first');\n")},
	}}
	beta = db.Migration{Owner: "beta", FS: fstest.MapFS{
		"00001_notes.sql": {Data: []byte("-- +goose Up\nCREATE TABLE beta_notes (id INTEGER PRIMARY KEY);\n")},
	}}
	// rollout is one owner at two releases; v2 adds a slow migration, so
	// processes rolled out together overlap while applying it (PostgreSQL only).
	rolloutItems = &fstest.MapFile{Data: []byte("-- +goose Up\nCREATE TABLE rollout_items (id INTEGER PRIMARY KEY);\n")}
	rolloutV1    = db.Migration{Owner: "rollout", FS: fstest.MapFS{"00001_items.sql": rolloutItems}}
	rolloutV2    = db.Migration{Owner: "rollout", FS: fstest.MapFS{
		"00001_items.sql": rolloutItems,
		"00002_seed.sql":  {Data: []byte("-- +goose Up\nINSERT INTO rollout_items (id) VALUES (1);\nSELECT pg_sleep(0.3);\n")},
	}}
	gamma = db.Migration{Owner: "gamma", FS: fstest.MapFS{
		"00001_ok.sql": {Data: []byte("-- +goose Up\nCREATE TABLE gamma_ok (id INTEGER PRIMARY KEY);\n")},
		"00002_broken.sql": {Data: []byte("-- +goose Up\nCREATE TABLE gamma_half (id INTEGER PRIMARY KEY);\n" +
			"INSERT INTO gamma_half (id) VALUES (1);\nINSERT INTO gamma_missing (id) VALUES (1);\n")},
	}}
)

func migrate(t *testing.T, d *db.DB, ms ...db.Migration) {
	t.Helper()
	if err := db.Migrate(context.Background(), d, ms, testkit.Logger(t)); err != nil {
		t.Fatal(err)
	}
}

// versions lists owner's version table, one "version applied at" per row.
func versions(t *testing.T, d *db.DB, owner string) []string {
	t.Helper()
	rows, err := d.Raw("SELECT version_id, tstamp FROM " + owner + "_schema_version ORDER BY id").Rows()
	if err != nil {
		t.Fatalf("read %s_schema_version: %v", owner, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var version int64
		var at string
		if err := rows.Scan(&version, &at); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%d %s", version, at))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func count(t *testing.T, d *db.DB, query string) int64 {
	t.Helper()
	var n int64
	if err := d.Raw(query).Scan(&n).Error; err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func TestMigrateTwiceIsANoop(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		d := be.Open(t)
		migrate(t, d, alpha)
		first := versions(t, d, "alpha")
		migrate(t, d, alpha)
		if again := versions(t, d, "alpha"); strings.Join(again, "|") != strings.Join(first, "|") {
			t.Errorf("second run changed alpha_schema_version:\n%v\n%v", first, again)
		}
		if len(first) != 3 { // goose's version 0, then 1 and 2
			t.Errorf("alpha_schema_version = %v, want versions 0, 1, 2", first)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM alpha_items"); n != 1 {
			t.Errorf("alpha_items has %d rows, want the 1 seeded once", n)
		}
	})
}

func TestOwnersMigrateIndependently(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		d := be.Open(t)
		migrate(t, d, alpha)
		before := versions(t, d, "alpha")
		if d.Migrator().HasTable("beta_schema_version") {
			t.Fatal("beta_schema_version exists before beta was migrated")
		}
		migrate(t, d, beta, alpha)
		if after := versions(t, d, "alpha"); strings.Join(after, "|") != strings.Join(before, "|") {
			t.Errorf("migrating beta changed alpha_schema_version:\n%v\n%v", before, after)
		}
		if got := versions(t, d, "beta"); len(got) != 2 {
			t.Errorf("beta_schema_version = %v, want versions 0 and 1", got)
		}
		if !d.Migrator().HasTable("beta_notes") {
			t.Error("beta_notes was not created")
		}
	})
}

func TestBrokenMigrationNamesOwnerAndLeavesNothingHalfDone(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		d := be.Open(t)
		err := db.Migrate(context.Background(), d, []db.Migration{gamma}, testkit.Logger(t))
		if err == nil {
			t.Fatal("a broken migration was applied")
		}
		if !strings.HasPrefix(err.Error(), "migrate gamma: ") || !strings.Contains(err.Error(), "gamma_missing") {
			t.Errorf("error %q should start with the owner and give the database's reason", err)
		}
		if !d.Migrator().HasTable("gamma_ok") {
			t.Error("gamma's first migration was rolled back along with the broken one")
		}
		if d.Migrator().HasTable("gamma_half") {
			t.Error("gamma_half exists: the broken migration was half applied")
		}
		if n := count(t, d, "SELECT MAX(version_id) FROM gamma_schema_version"); n != 1 {
			t.Errorf("gamma is at version %d, want 1", n)
		}
	})
}

func TestConcurrentMigrationsOnPostgresBothSucceed(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		if be.Driver != db.Postgres {
			t.Skip("the advisory lock is PostgreSQL's; one SQLite file has one process")
		}
		// An upgrade, not a first start: on a first start goose's retry of
		// the version table's creation staggers the processes and would hide
		// a missing lock.
		migrate(t, be.Open(t), rolloutV1)
		const processes = 2
		var wg sync.WaitGroup
		errs := make([]error, processes)
		ready := make(chan struct{})
		for i := range processes {
			d := be.Open(t) // a pool of its own, as another process would have
			wg.Go(func() {
				<-ready
				errs[i] = db.Migrate(context.Background(), d, []db.Migration{rolloutV2}, testkit.Logger(t))
			})
		}
		close(ready)
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("process %d: %v", i, err)
			}
		}
		d := be.Open(t)
		if n := count(t, d, "SELECT COUNT(*) FROM rollout_items"); n != 1 {
			t.Errorf("rollout_items has %d rows, want the 1 seeded once", n)
		}
		if got := versions(t, d, "rollout"); len(got) != 3 {
			t.Errorf("rollout_schema_version = %v, want versions 0, 1 and 2", got)
		}
	})
}

// A version written once per dialect runs its driver's file only.
func TestDialectFilesRunOnTheirDriverOnly(t *testing.T) {
	delta := db.Migration{Owner: "delta", FS: fstest.MapFS{
		"00001_items.sql":         {Data: []byte("-- +goose Up\nCREATE TABLE delta_items (dialect TEXT NOT NULL);\n")},
		"00002_seed.sqlite.sql":   {Data: []byte("-- +goose Up\nINSERT INTO delta_items (dialect) VALUES ('sqlite');\n")},
		"00002_seed.postgres.sql": {Data: []byte("-- +goose Up\nINSERT INTO delta_items (dialect) VALUES ('postgres');\n")},
		"00003_after_both.sql":    {Data: []byte("-- +goose Up\nINSERT INTO delta_items (dialect) VALUES ('any');\n")},
	}}
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		d := be.Open(t)
		migrate(t, d, delta)
		var got []string
		if err := d.Raw("SELECT dialect FROM delta_items ORDER BY dialect").Scan(&got).Error; err != nil {
			t.Fatal(err)
		}
		if want := "any|" + be.Driver; strings.Join(got, "|") != want {
			t.Errorf("delta_items = %v, want %s", got, want)
		}
	})
}
