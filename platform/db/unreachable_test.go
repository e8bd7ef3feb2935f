package db_test

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

func TestUnreachableTellsConnectionFailuresFromTheRest(t *testing.T) {
	refused := testkit.FreeAddr(t)
	_, dialErr := net.Dial("tcp", refused)
	_, connectErr := pgconn.Connect(t.Context(), "postgres://postgres@"+refused+"/x?connect_timeout=2")
	cases := []struct {
		name string
		err  error
		want bool
	}{
		{name: "connect refused (pgconn)", err: connectErr, want: true},
		{name: "dial refused (net.OpError)", err: fmt.Errorf("query: %w", dialErr), want: true},
		{name: "connection closed", err: pgconn.ErrConnClosed, want: true},
		{name: "bad connection", err: driver.ErrBadConn, want: true},
		{name: "EOF mid-answer", err: fmt.Errorf("failed to receive message: %w", io.ErrUnexpectedEOF), want: true},
		{name: "EOF", err: io.EOF, want: true},
		{name: "server shutting down (57P01)", err: &pgconn.PgError{Code: "57P01"}, want: true},
		{name: "connection failure (08006)", err: &pgconn.PgError{Code: "08006"}, want: true},
		{name: "unique violation (23505)", err: &pgconn.PgError{Code: "23505"}, want: false},
		{name: "record not found", err: gorm.ErrRecordNotFound, want: false},
		{name: "deadline", err: fmt.Errorf("query: %w", context.DeadlineExceeded), want: false},
		{name: "cancelled", err: context.Canceled, want: false},
		{name: "other", err: errors.New("syntax error"), want: false},
		{name: "nil", err: nil, want: false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.err == nil && tc.name != "nil" {
				t.Fatal("the case's error did not happen")
			}
			if got := db.Unreachable(tc.err); got != tc.want {
				t.Errorf("Unreachable(%v) = %v, want %v", tc.err, got, tc.want)
			}
		})
	}
}

// TestLostPostgreSQLIsUnavailable cuts the network between the pool and
// PostgreSQL: queries and transactions fail as shared.ErrUnavailable
// (reason database_unreachable) while it is gone, and work again once it
// is back. SQLite is a file: it has no connection to lose.
func TestLostPostgreSQLIsUnavailable(t *testing.T) {
	if os.Getenv(testkit.EnvPostgres) == "" {
		t.Skip(testkit.EnvPostgres + " is not set")
	}
	dsn, proxy := testkit.ProxyURL(t, testkit.NewPostgresDatabase(t))
	d, err := db.Open(db.Config{Driver: db.Postgres, DSN: dsn, MaxOpenConns: 4}, testkit.Logger(t))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ops := map[string]func(ctx context.Context) error{
		"query": func(ctx context.Context) error {
			var n int
			return d.WithContext(ctx).Raw("SELECT 1").Scan(&n).Error
		},
		"transaction": func(ctx context.Context) error {
			return d.Transact(ctx, func(tx *gorm.DB) error { return tx.Exec("SELECT 1").Error })
		},
	}
	check := func(state string, want func(error) bool) {
		for name, op := range ops {
			ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
			err := op(ctx)
			cancel()
			if !want(err) {
				t.Errorf("%s with PostgreSQL %s: %v", name, state, err)
			}
		}
	}
	check("up", func(err error) bool { return err == nil })
	proxy.Cut()
	check("gone", func(err error) bool {
		return errors.Is(err, db.ErrUnreachable) && shared.AsError(err).Code == shared.CodeUnavailable
	})
	proxy.Restore(t)
	check("back", func(err error) bool { return err == nil })
}
