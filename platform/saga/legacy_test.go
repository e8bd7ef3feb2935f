package saga_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/outbox"
	"github.com/jubako/jubako/platform/saga"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// leftByTheOldRelease writes what the release before step IDs left of a trip
// waiting at its charge: a row holding the step's position, and a step
// message of the old format naming it by position.
func leftByTheOldRelease(t *testing.T, d *db.DB) string {
	t.Helper()
	id, ctx, now := shared.NewID(), context.Background(), db.Now()
	err := d.Transact(ctx, func(tx *gorm.DB) error {
		err := tx.Exec(`INSERT INTO jubako_sagas (id, name, module, status, phase, legacy_step, attempt, state, deadline, created_at, updated_at)
			VALUES (?, 'trip', 'travel', 'RUNNING', 'forward', 1, 1, '{"traveller":"ada"}', ?, ?, ?)`, id, now.Add(time.Hour), now, now).Error
		if err != nil {
			return err
		}
		payload := fmt.Sprintf(`{"saga_id":%q,"saga":"trip","step":1,"phase":"forward","attempt":1}`, id)
		_, err = outbox.Write(ctx, tx, bus.Message{Topic: "jubako.saga_step.v1", Queue: "travel", Payload: []byte(payload)})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestSagasOfTheReleaseBeforeStepIDs(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		tr := newTravel()
		e, _ := deploy(t, be, tr, tripV1)
		id := leftByTheOldRelease(t, e.p.DB)
		info := e.wait(t, id, saga.StatusCompleted, false)
		// The hotel was booked by the old release: it is not booked again.
		if got := strings.Join(timeline(info), " "); got != "charge:forward:succeeded ticket:forward:succeeded" {
			t.Errorf("timeline %s, want the charge then the ticket", got)
		}
		if keys := tr.keysOf(charge.Info().Name); len(keys) != 1 || keys[0] != id+":charge" || tr.callsTo(bookHotel.Info().Name) != 0 {
			t.Errorf("charged with keys %v, hotel booked %d times: want one charge keyed %s, no booking", keys, tr.callsTo(bookHotel.Info().Name), id+":charge")
		}
		e.p.Stop(t)

		// Skipping the release that reads positions: version 2 cannot tell
		// which step position 1 was.
		e, _ = deploy(t, be, tr, withoutCharge)
		id = leftByTheOldRelease(t, e.p.DB)
		info = e.wait(t, id, saga.StatusRunning, true)
		if want := "the saga was written before step IDs, at step position 1, which trip v2 cannot place"; info.LastError != want {
			t.Errorf("stuck with %q, want %q", info.LastError, want)
		}
		if tr.callsTo(charge.Info().Name) != 1 || tr.callsTo(issue.Info().Name) != 1 {
			t.Error("the saga that cannot be placed ran a step")
		}
	})
}
