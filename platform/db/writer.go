package db

import (
	"context"
	"fmt"
	"time"
)

// busyTimeout is how long a SQLite writer waits for the database's one
// write lock (its busy_timeout pragma, and the in-process queue's wait).
const busyTimeout = 10 * time.Second

// writer queues this process's SQLite transactions for the database's one
// write lock. SQLite lets a waiting writer sleep and retry (busy_timeout), in
// steps of milliseconds; under load most of a writer's time went into
// those sleeps. Queued here, a writer starts the moment the previous one
// commits. PostgreSQL takes writers concurrently and queues none.
type writer chan struct{}

func newWriter(driver string) writer {
	if driver != SQLite {
		return nil
	}
	return make(writer, 1)
}

// acquire waits for the write lock, up to busyTimeout or ctx's end; release
// gives it back. A nil writer waits for nothing.
func (w writer) acquire(ctx context.Context) (release func(), err error) {
	if w == nil {
		return func() {}, nil
	}
	select {
	case w <- struct{}{}:
		return func() { <-w }, nil
	default:
	}
	t := time.NewTimer(busyTimeout)
	defer t.Stop()
	select {
	case w <- struct{}{}:
		return func() { <-w }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-t.C:
		return nil, fmt.Errorf("db: no write lock after %s: another transaction of this process holds it (a transaction that waits for another?)", busyTimeout)
	}
}
