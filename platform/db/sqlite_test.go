package db_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/testkit"
)

func TestSQLiteConnectionsAreTunedWhateverTheDSN(t *testing.T) {
	cases := []struct {
		name string
		dsn  func(dir string) string
		file string // relative to dir: the file Open must have created
	}{
		{name: "plain path", dsn: func(dir string) string { return filepath.Join(dir, "a", "x.db") }, file: "a/x.db"},
		{name: "file URI with query", dsn: func(dir string) string { return "file:" + filepath.Join(dir, "y.db") + "?_pragma=cache_size(-4000)" }, file: "y.db"},
		{name: "empty uses ./data", dsn: func(string) string { return "" }, file: db.DefaultSQLitePath},
	}
	pragmas := map[string]string{"journal_mode": "wal", "foreign_keys": "1", "busy_timeout": "10000", "synchronous": "1"}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			t.Chdir(dir)
			d := testkit.Backend{Driver: db.SQLite, DSN: tc.dsn(dir)}.Open(t)
			if _, err := os.Stat(filepath.Join(dir, tc.file)); err != nil {
				t.Errorf("database file: %v", err)
			}
			sqlDB, err := d.DB.DB()
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			// Pragmas are per connection: hold several at once and ask each.
			for i := range 3 {
				conn, err := sqlDB.Conn(ctx)
				if err != nil {
					t.Fatal(err)
				}
				defer conn.Close()
				for name, want := range pragmas {
					var got string
					if err := conn.QueryRowContext(ctx, "PRAGMA "+name).Scan(&got); err != nil {
						t.Fatalf("PRAGMA %s: %v", name, err)
					}
					if got != want {
						t.Errorf("connection %d: PRAGMA %s = %s, want %s", i, name, got, want)
					}
				}
			}
		})
	}
}

func TestSQLiteReadThenWriteTransactionsQueue(t *testing.T) {
	d := testkit.SQLite(t).Open(t)
	if err := d.Exec("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)").Error; err != nil {
		t.Fatal(err)
	}
	if err := d.Exec("INSERT INTO counter (id, n) VALUES (1, 0)").Error; err != nil {
		t.Fatal(err)
	}
	const workers, increments = 16, 50
	errs := make(chan error, workers*increments)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for range increments {
				errs <- d.Transact(context.Background(), func(tx *gorm.DB) error {
					var n int64
					if err := tx.Raw("SELECT n FROM counter WHERE id = 1").Scan(&n).Error; err != nil {
						return err
					}
					return tx.Exec("UPDATE counter SET n = ? WHERE id = 1", n+1).Error
				})
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("transaction failed: %v", err)
		}
	}
	if n := count(t, d, "SELECT n FROM counter WHERE id = 1"); n != workers*increments {
		t.Errorf("counter = %d, want %d: read-then-write transactions lost updates", n, workers*increments)
	}
}

// TestSQLiteOrdersTimestampsBelowOneSecond guards the text form SQLite
// stores times in: comparisons and ORDER BY must follow time even when
// fractions of a second differ in length (the outbox and sweeper rely on it).
func TestSQLiteOrdersTimestampsBelowOneSecond(t *testing.T) {
	d, err := db.Open(db.Config{Driver: db.SQLite, DSN: filepath.Join(t.TempDir(), "t.db"), MaxOpenConns: 1}, testkit.Logger(t))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := d.Exec("CREATE TABLE stamps (at TIMESTAMP)").Error; err != nil {
		t.Fatal(err)
	}
	base := time.Date(2026, 1, 1, 0, 0, 5, 0, time.UTC)
	offsets := []time.Duration{900 * time.Millisecond, 0, 450 * time.Millisecond, 45 * time.Millisecond, time.Second}
	for _, o := range offsets {
		if err := d.Exec("INSERT INTO stamps VALUES (?)", base.Add(o)).Error; err != nil {
			t.Fatal(err)
		}
	}
	var got []time.Time
	if err := d.Raw("SELECT at FROM stamps ORDER BY at").Scan(&got).Error; err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(got); i++ {
		if !got[i-1].Before(got[i]) {
			t.Fatalf("ORDER BY gave %v", got)
		}
	}
	var later int64
	if err := d.Raw("SELECT COUNT(*) FROM stamps WHERE at > ?", base.Add(450*time.Millisecond)).Scan(&later).Error; err != nil {
		t.Fatal(err)
	}
	if later != 2 {
		t.Errorf("%d stamps after 05.45, want 2 (05.9 and 06)", later)
	}
}

// TestSQLitePanicInTransactionFreesTheWriteLock: a handler that panics
// inside Transact, recovered further up as asynq and the gateway do, must
// not leave the process without its write lock.
func TestSQLitePanicInTransactionFreesTheWriteLock(t *testing.T) {
	d := testkit.SQLite(t).Open(t)
	if err := d.Exec("CREATE TABLE marks (id INTEGER PRIMARY KEY)").Error; err != nil {
		t.Fatal(err)
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("the transaction's panic did not reach its caller")
			}
		}()
		_ = d.Transact(context.Background(), func(tx *gorm.DB) error {
			if err := tx.Exec("INSERT INTO marks (id) VALUES (1)").Error; err != nil {
				return err
			}
			panic("handler bug")
		})
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := d.Transact(ctx, func(tx *gorm.DB) error { return tx.Exec("INSERT INTO marks (id) VALUES (2)").Error }); err != nil {
		t.Fatalf("the next transaction: %v", err)
	}
	if n := count(t, d, "SELECT COUNT(*) FROM marks"); n != 1 {
		t.Errorf("marks holds %d rows, want 1: the panicking transaction must roll back", n)
	}
}
