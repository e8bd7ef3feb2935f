package outbox_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/outbox"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

func eventCount() int {
	if raceEnabled || testing.Short() {
		return 1000
	}
	return 10000
}

func TestCommittedEventsAreHandledOnceAndRolledBackOnesNever(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		pr := &probe{}
		p := testkit.Start(t, be, nil, pr.module())
		ctx := context.Background()
		total, workers := eventCount(), 16
		var wg sync.WaitGroup
		errs := make(chan error, workers)
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := w; i < total; i += workers {
					if err := publish(ctx, p.DB, happened{ID: fmt.Sprintf("e%05d", i)}, i%2 == 1); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		if n := count(t, p.DB, `SELECT COUNT(*) FROM probe_published`); n != int64(total/2) {
			t.Fatalf("committed %d events, want %d", n, total/2)
		}
		waitForEffects(t, p, int64(total))
		assertOnce(t, p.DB)
	})
}

func TestDuplicateDeliveriesHaveOneEffect(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		pr := &probe{}
		p := testkit.Start(t, be, nil, pr.module())
		ctx := context.Background()
		const n = 300
		for i := range n {
			if err := publish(ctx, p.DB, happened{ID: fmt.Sprintf("d%04d", i)}, false); err != nil {
				t.Fatal(err)
			}
		}
		// Every message goes out a second time under another task id, as a
		// relay that crashed before recording its dispatch would send it.
		var rows []struct {
			ID, Topic, Payload string
		}
		testkit.Eventually(t, 30*time.Second, func() bool {
			return count(t, p.DB, `SELECT COUNT(*) FROM jubako_outbox WHERE dispatched_at IS NULL`) == 0
		}, func() string { return "relay did not dispatch" })
		if err := p.DB.Raw(`SELECT id, topic, payload FROM jubako_outbox`).Scan(&rows).Error; err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			for _, q := range []string{"probe", "audit"} {
				task := asynq.NewTaskWithHeaders(r.Topic, []byte(r.Payload), map[string]string{"jubako-message-id": r.ID})
				if _, err := p.Broker.Client.Enqueue(task, asynq.Queue(q), asynq.TaskID(r.ID+":"+q+":dup")); err != nil {
					t.Fatal(err)
				}
			}
		}
		waitForDrained(t, p, []string{"probe", "audit"})
		assertOnce(t, p.DB)
		if got := count(t, p.DB, `SELECT COUNT(*) FROM probe_effects`); got != 2*n {
			t.Fatalf("effects = %d, want %d", got, 2*n)
		}
	})
}

func TestPoisonIsDeadLetteredWhileOthersFlow(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		pr := &probe{}
		pr.failing.Store(true)
		p := testkit.Start(t, be, testkit.Settings{"outbox.max_retry": 2}, pr.module())
		ctx := context.Background()
		if err := publish(ctx, p.DB, happened{ID: "poison", Fail: true}, false); err != nil {
			t.Fatal(err)
		}
		malformed := ""
		if err := p.DB.Transact(ctx, func(tx *gorm.DB) error {
			var err error
			malformed, err = outbox.Write(ctx, tx, bus.Message{Topic: "probe.happened.v1", Payload: []byte(`{"id": 42}`)})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		for i := range 50 {
			if err := publish(ctx, p.DB, happened{ID: fmt.Sprintf("ok%02d", i)}, false); err != nil {
				t.Fatal(err)
			}
		}
		// The healthy events flow past the poison ones.
		waitFor(t, p, `SELECT COUNT(*) FROM probe_effects`, 50+50)

		var dead []outbox.DeadLetter
		testkit.Eventually(t, 30*time.Second, func() bool {
			dead = deadLetters(t, p)
			return len(dead) == 4
		}, func() string { return fmt.Sprintf("dead letters: %+v", dead) })
		for _, l := range dead {
			want := "probe refuses this event"
			if l.MessageID == malformed {
				want = "poison message: decode probe.happened.v1"
			} else if l.Retried != 2 {
				t.Errorf("dead letter %s was retried %d times, want outbox.max_retry=2", l.TaskID, l.Retried)
			}
			if !strings.Contains(l.Error, want) {
				t.Errorf("dead letter %s error = %q, want it to say %q", l.TaskID, l.Error, want)
			}
		}

		// Fixed, a resubmitted dead letter is handled once.
		pr.failing.Store(false)
		letters, err := p.Outbox.DeadLetters(ctx, 100)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range letters {
			if l.MessageID != malformed {
				if err := p.Outbox.Resubmit(ctx, l.Queue, l.TaskID); err != nil {
					t.Fatal(err)
				}
			}
		}
		waitFor(t, p, `SELECT COUNT(*) FROM probe_effects WHERE event_id = 'poison'`, 2)
		if err := p.Outbox.Resubmit(ctx, "probe", "no-such-task"); !errors.Is(err, shared.ErrNotFound) {
			t.Errorf("resubmitting an unknown dead letter: %v, want not found", err)
		}
	})
}

func waitFor(t *testing.T, p *testkit.Process, query string, want int64) {
	t.Helper()
	var got int64
	testkit.Eventually(t, 60*time.Second, func() bool {
		got = count(t, p.DB, query)
		return got >= want
	}, func() string { return fmt.Sprintf("%s = %d, want %d", query, got, want) })
}

func waitForEffects(t *testing.T, p *testkit.Process, want int64) {
	t.Helper()
	waitFor(t, p, `SELECT COUNT(*) FROM probe_effects`, want)
}

// waitForDrained waits until the queues hold no pending, active, scheduled
// or retrying task.
func waitForDrained(t *testing.T, p *testkit.Process, queues []string) {
	t.Helper()
	busy := ""
	testkit.Eventually(t, 60*time.Second, func() bool {
		for _, q := range queues {
			info, err := p.Broker.Inspector.GetQueueInfo(q)
			if err != nil {
				busy = err.Error()
				return false
			}
			if n := info.Pending + info.Active + info.Scheduled + info.Retry; n > 0 {
				busy = fmt.Sprintf("queue %s has %d tasks", q, n)
				return false
			}
		}
		return true
	}, func() string { return busy })
}

func deadLetters(t *testing.T, p *testkit.Process) []outbox.DeadLetter {
	t.Helper()
	letters, err := p.Outbox.DeadLetters(context.Background(), 100)
	if err != nil {
		t.Fatal(err)
	}
	return letters
}
