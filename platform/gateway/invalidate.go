package gateway

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/jubako/jubako/platform/bus"
)

// invalidationChannel is the Redis Pub/Sub channel on which an event that
// changes cached answers reaches every instance.
const invalidationChannel = "jubako:cache:invalidate"

// subscriberModule is the gateway's name as a subscriber: its queue.
const subscriberModule = "gateway"

// invalidation keeps the caches of all instances in step with events. An
// event is delivered once, to one instance (the subscriber queue "gateway"
// is shared by all of them); that instance publishes the topic's name on
// a Redis channel every instance listens to, and each drops the entries
// the topic invalidates. A listener that lost its connection drops its
// whole cache when it is back, having perhaps missed messages meanwhile.
type invalidation struct {
	cache *responseCache
	rdb   redis.UniversalClient
	log   *slog.Logger

	pubsub *redis.PubSub
	done   chan struct{}
}

func newInvalidation(rc *responseCache, rdb redis.UniversalClient, b *bus.Bus, log *slog.Logger) *invalidation {
	inv := &invalidation{cache: rc, rdb: rdb, log: log}
	for _, topic := range rc.topics() {
		b.ConsumeRaw(topic, subscriberModule, func(ctx context.Context, _ json.RawMessage) error {
			return rdb.Publish(ctx, invalidationChannel, topic).Err()
		})
	}
	return inv
}

// start subscribes, and returns once the subscription is active.
func (inv *invalidation) start(ctx context.Context) error {
	if len(inv.cache.topics()) == 0 {
		return nil
	}
	inv.pubsub = inv.rdb.Subscribe(ctx, invalidationChannel)
	if _, err := inv.pubsub.Receive(ctx); err != nil {
		_ = inv.pubsub.Close()
		return err
	}
	inv.done = make(chan struct{})
	go inv.listen()
	return nil
}

func (inv *invalidation) listen() {
	defer close(inv.done)
	for {
		msg, err := inv.pubsub.Receive(context.Background())
		switch m := msg.(type) {
		case *redis.Message:
			inv.cache.invalidate(m.Payload)
		case *redis.Subscription:
			inv.cache.clear()
		}
		if err == nil {
			continue
		}
		if errors.Is(err, redis.ErrClosed) {
			return
		}
		inv.log.Warn("cache invalidation: lost Redis, the cache is dropped once it is back", "error", err)
		time.Sleep(time.Second)
	}
}

func (inv *invalidation) stop() {
	if inv.pubsub == nil {
		return
	}
	_ = inv.pubsub.Close()
	<-inv.done
}
