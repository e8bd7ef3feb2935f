package outbox_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"go.uber.org/fx"
	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/host"
)

// The probe is a tiny module for these tests: publishing records the event
// in probe_published in the same transaction; two subscriber modules, probe
// and audit, each record their effect in probe_effects — without a unique
// key, so a double effect would show.
type happened struct {
	ID   string `json:"id"`
	Fail bool   `json:"fail,omitempty"`
	// Panic makes the handlers panic, inside their transaction, while the
	// probe is failing.
	Panic bool `json:"panic,omitempty"`
	// Stall makes the probe queue's handler mark its start and hang while
	// the probe's stallDir is set.
	Stall bool `json:"stall,omitempty"`
}

var happenedTopic = bus.Topic[happened]("probe.happened.v1")

var probeMigrations = fstest.MapFS{"00001_probe.sql": {Data: []byte(`
-- +goose Up
CREATE TABLE probe_published (id TEXT PRIMARY KEY);
CREATE TABLE probe_effects (queue TEXT NOT NULL, event_id TEXT NOT NULL);
CREATE INDEX probe_effects_event ON probe_effects (event_id);
`)}}

type probe struct {
	// failing makes events with Fail set fail, and those with Panic set
	// panic, while true.
	failing atomic.Bool
	// stallDir, when set, is where the handler of an event with Stall set
	// creates a file named for the event before it hangs.
	stallDir string
}

func (p *probe) module() fx.Option {
	return host.Module("probe",
		host.Migration(db.Migration{Owner: "probe", FS: probeMigrations}),
		fx.Invoke(func(b *bus.Bus) {
			for _, queue := range []string{"probe", "audit"} {
				happenedTopic.Subscribe(b, queue, func(ctx context.Context, tx bus.Tx, e happened) error {
					if e.Fail && p.failing.Load() {
						return errors.New("probe refuses this event")
					}
					if e.Stall && p.stallDir != "" && queue == "probe" {
						return p.stall(ctx, e)
					}
					if err := db.Gorm(tx).Exec("INSERT INTO probe_effects (queue, event_id) VALUES (?, ?)", queue, e.ID).Error; err != nil {
						return err
					}
					if e.Panic && p.failing.Load() {
						panic("probe panics on this event")
					}
					return nil
				})
			}
		}),
	)
}

// stall marks that the handler of e started, then hangs until ctx ends.
func (p *probe) stall(ctx context.Context, e happened) error {
	if err := os.WriteFile(filepath.Join(p.stallDir, e.ID), nil, 0o600); err != nil {
		return err
	}
	<-ctx.Done()
	return ctx.Err()
}

// publish commits (or, with rollback, aborts) one event and its record.
func publish(ctx context.Context, d *db.DB, e happened, rollback bool) error {
	errRollback := errors.New("rollback")
	err := d.Transact(ctx, func(tx *gorm.DB) error {
		if err := tx.Exec("INSERT INTO probe_published (id) VALUES (?)", e.ID).Error; err != nil {
			return err
		}
		if err := happenedTopic.Publish(ctx, tx, e); err != nil {
			return err
		}
		if rollback {
			return errRollback
		}
		return nil
	})
	if errors.Is(err, errRollback) {
		return nil
	}
	return err
}

func count(t testing.TB, d *db.DB, query string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := d.Raw(query, args...).Scan(&n).Error; err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// assertOnce checks that every published event had exactly one effect per
// subscriber and nothing else had any.
func assertOnce(t testing.TB, d *db.DB) {
	t.Helper()
	if n := count(t, d, `SELECT COUNT(*) FROM (SELECT queue, event_id FROM probe_effects GROUP BY queue, event_id HAVING COUNT(*) > 1) d`); n != 0 {
		t.Errorf("%d events had their effect more than once", n)
	}
	if n := count(t, d, `SELECT COUNT(*) FROM probe_effects WHERE event_id NOT IN (SELECT id FROM probe_published)`); n != 0 {
		t.Errorf("%d effects of events that were never committed", n)
	}
	published := count(t, d, `SELECT COUNT(*) FROM probe_published`)
	for _, q := range []string{"probe", "audit"} {
		if n := count(t, d, `SELECT COUNT(DISTINCT event_id) FROM probe_effects WHERE queue = ?`, q); n != published {
			t.Errorf("queue %s handled %d of %d committed events", q, n, published)
		}
	}
}
