package bus

import (
	"context"
	"fmt"
	"sort"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"
	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/outbox"
)

// Subscription is one module's handler for one topic.
type Subscription struct {
	Topic  string
	Module string
	// Transactional subscriptions run inside an inbox transaction.
	Transactional bool

	decode func([]byte) (any, error)
	handle func(ctx context.Context, tx *gorm.DB, e any) error
}

type subKey struct{ topic, module string }

func (b *Bus) subscribe(s *Subscription) {
	b.mu.Lock()
	defer b.mu.Unlock()
	k := subKey{s.Topic, s.Module}
	if _, dup := b.subs[k]; dup {
		panic(fmt.Sprintf("bus: %s subscribes to %s twice", s.Module, s.Topic))
	}
	b.subs[k] = s
	b.modules[s.Module] = true
}

// Subscriptions lists this process's subscriptions; a subscriber module's
// name is its queue. It makes the bus an outbox.Dispatcher.
func (b *Bus) Subscriptions() []outbox.Subscription {
	b.mu.RLock()
	defer b.mu.RUnlock()
	out := make([]outbox.Subscription, 0, len(b.subs))
	for k := range b.subs {
		out = append(out, outbox.Subscription{Topic: k.topic, Queue: k.module})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Topic != out[j].Topic {
			return out[i].Topic < out[j].Topic
		}
		return out[i].Queue < out[j].Queue
	})
	return out
}

// Deliver runs the subscription of d.Queue for d.Topic through the middleware
// chain. Undecodable events and events nobody here subscribes to are poison.
func (b *Bus) Deliver(ctx context.Context, d *outbox.Delivery) error {
	b.mu.RLock()
	s, ok := b.subs[subKey{d.Topic, d.Queue}]
	b.mu.RUnlock()
	if !ok {
		return fmt.Errorf("%w: no subscription of %s to %s in this process", outbox.ErrPoison, d.Queue, d.Topic)
	}
	e, err := s.decode(d.Payload)
	if err != nil {
		return fmt.Errorf("%w: decode %s: %v", outbox.ErrPoison, d.Topic, err)
	}
	ctx = otel.GetTextMapPropagator().Extract(ctx, propagation.MapCarrier(d.Headers))
	c := &Call{Kind: KindEvent, Name: d.Topic, Module: d.Queue, MessageID: d.MessageID, Request: e}
	c.target = func(ctx context.Context, c *Call) error {
		if !s.Transactional {
			return s.handle(ctx, nil, c.Request)
		}
		return d.Transact(ctx, func(tx *gorm.DB) error { return s.handle(ctx, tx, c.Request) })
	}
	return (*b.chain.Load())(ctx, c)
}
