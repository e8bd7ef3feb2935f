package bus

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"time"
)

// TopicInfo describes a declared topic.
type TopicInfo struct {
	Name   string
	Module string
	Event  reflect.Type
}

// TopicOf is a typed topic, declared once in its publisher's contract.
type TopicOf[E any] struct{ info *TopicInfo }

// Topic declares the topic "<module>.<event>.v<N>" carrying events of type E.
// The version suffix is a convention: a breaking change is a new topic.
func Topic[E any](name string) TopicOf[E] {
	info := &TopicInfo{Name: name, Module: moduleOf(name), Event: reflect.TypeFor[E]()}
	declare(&declared.topics, name, info)
	return TopicOf[E]{info: info}
}

// Info describes the topic.
func (t TopicOf[E]) Info() *TopicInfo { return t.info }

// Publish writes e to the outbox inside tx, the publisher's own transaction:
// the event goes out if and only if tx commits. The outbox traces it and
// carries the trace context of ctx along.
func (t TopicOf[E]) Publish(ctx context.Context, tx Tx, e E) error {
	return t.PublishAt(ctx, tx, e, time.Time{})
}

// PublishAt is Publish with delivery no earlier than at (one-second
// precision); a zero at means now.
func (t TopicOf[E]) PublishAt(ctx context.Context, tx Tx, e E, at time.Time) error {
	return t.write(ctx, tx, e, "", at)
}

func (t TopicOf[E]) write(ctx context.Context, tx Tx, e E, queue string, at time.Time) error {
	payload, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("publish %s: encode: %w", t.info.Name, err)
	}
	return write(ctx, tx, Message{Topic: t.info.Name, Queue: queue, Payload: payload, AvailableAt: at})
}

// Subscribe makes module handle every event of the topic. fn runs in a
// transaction of module's database that also records the message in the
// inbox, so its effect happens exactly once even when the event arrives
// twice; tx is that transaction (a *gorm.DB: db.Gorm unwraps it). fn must
// not call endpoints that write to the same database (SQLite allows one
// writer); use Consume for effects outside the database.
func (t TopicOf[E]) Subscribe(b *Bus, module string, fn func(ctx context.Context, tx Tx, e E) error) {
	b.subscribe(&Subscription{
		Topic: t.info.Name, Module: module, Transactional: true,
		decode: decodeAs[E],
		handle: func(ctx context.Context, tx Tx, e any) error { return fn(ctx, tx, *e.(*E)) },
	})
}

// Consume makes module handle every event of the topic at least once,
// outside any transaction and without the inbox. fn must be idempotent: a
// redelivered event runs it again.
func (t TopicOf[E]) Consume(b *Bus, module string, fn func(ctx context.Context, e E) error) {
	b.subscribe(&Subscription{
		Topic: t.info.Name, Module: module,
		decode: decodeAs[E],
		handle: func(ctx context.Context, _ Tx, e any) error { return fn(ctx, *e.(*E)) },
	})
}

func decodeAs[E any](payload []byte) (any, error) {
	e := new(E)
	if err := json.Unmarshal(payload, e); err != nil {
		return nil, err
	}
	return e, nil
}

// LookupTopic finds a declared topic by name.
func LookupTopic(name string) (*TopicInfo, bool) {
	declared.Lock()
	defer declared.Unlock()
	info, ok := declared.topics[name]
	return info, ok
}

// Send writes e to the outbox inside tx for one queue only — a command to
// a known module rather than an event for every subscriber — to be
// delivered no earlier than at (zero: now).
func (t TopicOf[E]) Send(ctx context.Context, tx Tx, e E, queue string, at time.Time) error {
	return t.write(ctx, tx, e, queue, at)
}
