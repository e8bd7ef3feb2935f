package outbox

import (
	"context"
	"sort"
	"sync"
	"time"

	"github.com/jubako/jubako/platform/broker"
)

// subscriberKeyPrefix + topic is a Redis set of the queues subscribed to the
// topic, written by every process at start. It is how a publisher reaches
// subscribers whose code it does not link (a module split out as a service),
// and it survives restarts of either side.
const subscriberKeyPrefix = "jubako:subscribers:"

// subscriberTTL bounds how stale the relay's view of remote subscribers is.
const subscriberTTL = 2 * time.Second

type subscribers struct {
	broker *broker.Broker
	disp   Dispatcher

	mu     sync.Mutex
	cached map[string]cachedQueues
}

type cachedQueues struct {
	queues []string
	at     time.Time
}

func newSubscribers(b *broker.Broker, disp Dispatcher) *subscribers {
	return &subscribers{broker: b, disp: disp, cached: map[string]cachedQueues{}}
}

// register writes this process's subscriptions to the registry: at start,
// and again at every sweep, so that they come back after Redis lost them.
func (s *subscribers) register(ctx context.Context) error {
	for _, sub := range s.disp.Subscriptions() {
		if err := s.broker.Redis.SAdd(ctx, subscriberKeyPrefix+sub.Topic, sub.Queue).Err(); err != nil {
			return err
		}
	}
	return nil
}

func (s *subscribers) localQueues() []string {
	seen := map[string]bool{}
	var out []string
	for _, sub := range s.disp.Subscriptions() {
		if !seen[sub.Queue] {
			seen[sub.Queue] = true
			out = append(out, sub.Queue)
		}
	}
	sort.Strings(out)
	return out
}

// queuesFor returns the queues subscribed to topic: this process's own plus
// those registered in Redis by other processes. A queue once seen is kept
// for the life of the process: should Redis lose the registry, events still
// reach the subscribers known here until each registers again.
func (s *subscribers) queuesFor(ctx context.Context, topic string) ([]string, error) {
	s.mu.Lock()
	c, ok := s.cached[topic]
	s.mu.Unlock()
	if ok && time.Since(c.at) < subscriberTTL {
		return c.queues, nil
	}
	return s.refresh(ctx, topic)
}

// refresh reads topic's subscribers from the registry into the cache.
func (s *subscribers) refresh(ctx context.Context, topic string) ([]string, error) {
	remote, err := s.broker.Redis.SMembers(ctx, subscriberKeyPrefix+topic).Result()
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	set := map[string]bool{}
	for _, q := range append(remote, s.cached[topic].queues...) {
		set[q] = true
	}
	for _, sub := range s.disp.Subscriptions() {
		if sub.Topic == topic {
			set[sub.Queue] = true
		}
	}
	queues := make([]string, 0, len(set))
	for q := range set {
		queues = append(queues, q)
	}
	sort.Strings(queues)
	s.cached[topic] = cachedQueues{queues: queues, at: time.Now()}
	return queues, nil
}

// refreshLoop keeps the cache of every topic seen so far younger than
// subscriberTTL, so that onlyLocal keeps answering from it between events
// and an event of a quiet topic still takes the fast path. A failed read
// leaves the entry to age: the relay then sends the topic's events, which
// is always safe.
func (s *subscribers) refreshLoop(ctx context.Context) {
	tick := time.NewTicker(subscriberTTL / 2)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		s.mu.Lock()
		topics := make([]string, 0, len(s.cached))
		for t := range s.cached {
			topics = append(topics, t)
		}
		s.mu.Unlock()
		for _, t := range topics {
			if _, err := s.refresh(ctx, t); err != nil {
				break
			}
		}
	}
}

// onlyLocal reports whether the n queues of topic served here are all its
// subscribers, as the registry said within subscriberTTL. With the embedded
// Redis no other process exists, so they are.
func (s *subscribers) onlyLocal(topic string, n int) bool {
	if s.broker.Embedded != nil {
		return true
	}
	s.mu.Lock()
	c, ok := s.cached[topic]
	s.mu.Unlock()
	return ok && time.Since(c.at) < subscriberTTL && len(c.queues) == n
}
