package testkit

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"go.uber.org/fx"
	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/bus"
)

// Events collects the events of one topic that a process publishes, for a
// test to assert on.
type Events[E any] struct {
	topic bus.TopicOf[E]
	mu    sync.Mutex
	got   []E
}

// Collect returns the events of topic as they arrive, and the option that
// subscribes to them: give it to Start. The subscriber is a module of its
// own, "watcher", with its own queue.
func Collect[E any](topic bus.TopicOf[E]) (*Events[E], fx.Option) {
	ev := &Events[E]{topic: topic}
	return ev, fx.Invoke(func(b *bus.Bus) {
		topic.Consume(b, "watcher", func(_ context.Context, e E) error {
			ev.mu.Lock()
			defer ev.mu.Unlock()
			ev.got = append(ev.got, e)
			return nil
		})
	})
}

// Matching returns the events collected so far that match.
func (ev *Events[E]) Matching(match func(E) bool) []E {
	ev.mu.Lock()
	defer ev.mu.Unlock()
	var out []E
	for _, e := range ev.got {
		if match(e) {
			out = append(out, e)
		}
	}
	return out
}

// Await waits for an event that matches and returns the first.
func (ev *Events[E]) Await(t testing.TB, match func(E) bool) E {
	t.Helper()
	Eventually(t, 10*time.Second, func() bool { return len(ev.Matching(match)) > 0 },
		func() string {
			return fmt.Sprintf("no matching event of %s among %d", ev.topic.Info().Name, len(ev.Matching(func(E) bool { return true })))
		})
	return ev.Matching(match)[0]
}

// Publish publishes e on topic from p, in a transaction of its database,
// as a module of p would.
func Publish[E any](t testing.TB, p *Process, topic bus.TopicOf[E], e E) {
	t.Helper()
	err := p.DB.Transact(context.Background(), func(tx *gorm.DB) error { return topic.Publish(context.Background(), tx, e) })
	if err != nil {
		t.Fatalf("publish %s: %v", topic.Info().Name, err)
	}
}

// Published returns the events of topic that p's modules wrote to its
// outbox so far and that match, oldest first: what they published, in the
// transaction of its cause, whether it was delivered yet or not. Counting
// them tells an event published twice, which a collector (Collect) might
// not have received yet.
func Published[E any](t testing.TB, p *Process, topic bus.TopicOf[E], match func(E) bool) []E {
	t.Helper()
	var payloads []string
	if err := p.DB.Raw(`SELECT payload FROM jubako_outbox WHERE topic = ? ORDER BY created_at, id`, topic.Info().Name).Scan(&payloads).Error; err != nil {
		t.Fatal(err)
	}
	var out []E
	for _, payload := range payloads {
		var e E
		if err := json.Unmarshal([]byte(payload), &e); err != nil {
			t.Fatalf("%s: %v", topic.Info().Name, err)
		}
		if match(e) {
			out = append(out, e)
		}
	}
	return out
}

// Redeliver enqueues every message of topic published so far again on
// queue, each under a fresh task id — the same message arriving twice, as a
// re-send after a crash would make it — and waits until queue handled them.
func Redeliver(t testing.TB, p *Process, topic, queue string) {
	t.Helper()
	var rows []struct{ ID, Payload string }
	if err := p.DB.Raw(`SELECT id, payload FROM jubako_outbox WHERE topic = ?`, topic).Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 {
		t.Fatalf("no message of %s left in the outbox to redeliver", topic)
	}
	handled := func() int64 { return p.Outbox.HandledByQueue()[queue].Asynq }
	want := handled() + int64(len(rows))
	for _, r := range rows {
		task := asynq.NewTaskWithHeaders(topic, []byte(r.Payload), map[string]string{"jubako-message-id": r.ID})
		if _, err := p.Broker.Client.Enqueue(task, asynq.Queue(queue), asynq.TaskID(r.ID+":again")); err != nil {
			t.Fatalf("redeliver %s: %v", r.ID, err)
		}
	}
	Eventually(t, 10*time.Second, func() bool { return handled() >= want },
		func() string {
			return fmt.Sprintf("%s handled %d deliveries from asynq, want %d", queue, handled(), want)
		})
}
