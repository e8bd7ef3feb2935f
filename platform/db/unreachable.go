package db

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"

	"github.com/jubako/jubako/shared"
)

// ErrUnreachable is the reason of the errors a lost or refused database
// connection turns into: code unavailable, so that callers answer 503 and
// retry, rather than 500.
var ErrUnreachable = shared.NewReason(shared.CodeUnavailable, "database_unreachable", "the database cannot be reached, try again later")

// Unreachable reports whether err says that the database could not be
// reached or that the connection to it broke: a refused or failed connect,
// a network error, a connection closed under a query, a server shutting
// down (SQLSTATE class 08, 57P01–57P03). A passed deadline or a cancelled
// context is not: that is the caller's, and already unavailable.
func Unreachable(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var connect *pgconn.ConnectError
	var op *net.OpError
	var pg *pgconn.PgError
	switch {
	case errors.As(err, &connect), errors.As(err, &op):
		return true
	case errors.Is(err, driver.ErrBadConn), errors.Is(err, pgconn.ErrConnClosed), errors.Is(err, net.ErrClosed),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return true
	case errors.As(err, &pg):
		return strings.HasPrefix(pg.Code, "08") || pg.Code == "57P01" || pg.Code == "57P02" || pg.Code == "57P03"
	}
	return false
}

// classify returns err joined to a copy of ErrUnreachable when Unreachable
// says so, else err unchanged: callers find the copy (its message names no
// host), the log prints both.
func classify(err error) error {
	if errors.Is(err, ErrUnreachable) || !Unreachable(err) {
		return err
	}
	e := *ErrUnreachable
	return errors.Join(&e, err)
}

// pgDialector is gorm's PostgreSQL dialector whose error translation (gorm
// calls it on the errors it records, of a begin and a commit among them)
// does only classify: other errors pass through as the driver made them.
// SQLite has no network connection to lose and keeps its dialector.
type pgDialector struct {
	*postgres.Dialector
}

// Translate is gorm's ErrorTranslator.
func (pgDialector) Translate(err error) error { return classify(err) }

// classifyStatements adds gorm callbacks that classify the error of every
// statement, which the row and raw processors set without translating it:
// with pgDialector, connection failures are ErrUnreachable in every
// module's queries and transactions.
func classifyStatements(g *gorm.DB) error {
	fn := func(tx *gorm.DB) {
		if tx.Error != nil {
			tx.Error = classify(tx.Error)
		}
	}
	cb := g.Callback()
	for _, err := range []error{
		cb.Create().After("gorm:create").Register("jubako:classify", fn),
		cb.Query().After("gorm:query").Register("jubako:classify", fn),
		cb.Update().After("gorm:update").Register("jubako:classify", fn),
		cb.Delete().After("gorm:delete").Register("jubako:classify", fn),
		cb.Row().After("gorm:row").Register("jubako:classify", fn),
		cb.Raw().After("gorm:raw").Register("jubako:classify", fn),
	} {
		if err != nil {
			return err
		}
	}
	return nil
}
