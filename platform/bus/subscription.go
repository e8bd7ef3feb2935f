package bus

import (
	"context"
	"fmt"
	"sort"
)

// Subscription is one module's handler for one topic.
type Subscription struct {
	Topic  string
	Module string
	// Transactional subscriptions run inside an inbox transaction.
	Transactional bool

	decode func([]byte) (any, error)
	handle func(ctx context.Context, tx Tx, e any) error
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

// Binding names a queue that wants a topic; a subscriber module's name is
// its queue.
type Binding struct {
	Topic string
	Queue string
}

// Subscriptions lists this process's subscriptions, for the outbox.
func (b *Bus) Subscriptions() []Binding {
	b.mu.RLock()
	defer b.mu.RUnlock()
	out := make([]Binding, 0, len(b.subs))
	for k := range b.subs {
		out = append(out, Binding{Topic: k.topic, Queue: k.module})
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
// chain, in ctx — which carries the publisher's trace context. Undecodable events and events nobody here subscribes to are poison.
func (b *Bus) Deliver(ctx context.Context, d *Delivery) error {
	b.mu.RLock()
	s, ok := b.subs[subKey{d.Topic, d.Queue}]
	b.mu.RUnlock()
	if !ok {
		return fmt.Errorf("%w: no subscription of %s to %s in this process", ErrPoison, d.Queue, d.Topic)
	}
	e, err := s.decode(d.Payload)
	if err != nil {
		return fmt.Errorf("%w: decode %s: %v", ErrPoison, d.Topic, err)
	}
	ctx = context.WithValue(ctx, deliveryKey{}, d)
	c := &Call{Kind: KindEvent, Name: d.Topic, Module: d.Queue, MessageID: d.MessageID, Request: e}
	c.target = func(ctx context.Context, c *Call) error {
		if !s.Transactional {
			return s.handle(ctx, nil, c.Request)
		}
		return d.Transact(ctx, func(tx Tx) error { return s.handle(ctx, tx, c.Request) })
	}
	return (*b.chain.Load())(ctx, c)
}
