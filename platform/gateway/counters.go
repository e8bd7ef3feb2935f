package gateway

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// counters keeps the rate limiter's window counts.
type counters interface {
	// incr adds one to key, which expires ttl after its last change, and
	// returns its new count with the count of prev.
	incr(ctx context.Context, key, prev string, ttl time.Duration) (current, previous int64, err error)
	// decr takes one back from key.
	decr(ctx context.Context, key string)
}

// redisCounters keep the counts in Redis, where every instance sees them:
// one pipelined round trip per request (INCR, PEXPIRE, GET), no script.
type redisCounters struct{ rdb redis.UniversalClient }

func (r redisCounters) incr(ctx context.Context, key, prev string, ttl time.Duration) (int64, int64, error) {
	pipe := r.rdb.Pipeline()
	incr := pipe.Incr(ctx, key)
	pipe.PExpire(ctx, key, ttl)
	get := pipe.Get(ctx, prev)
	if _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
		return 0, 0, fmt.Errorf("rate limit: %w", err)
	}
	previous, err := get.Int64()
	if err != nil && !errors.Is(err, redis.Nil) {
		return 0, 0, fmt.Errorf("rate limit: %w", err)
	}
	return incr.Val(), previous, nil
}

func (r redisCounters) decr(ctx context.Context, key string) { r.rdb.Decr(ctx, key) }

// memoryCounters keep the counts in this process. They serve the embedded
// Redis, which serves this one process only: the budget is the same, and a
// request costs no round trip through the embedded server.
type memoryCounters struct {
	now func() time.Time

	mu     sync.Mutex
	counts map[string]*memoryCount
	calls  int
}

type memoryCount struct {
	n       int64
	expires time.Time
}

// memorySweepEvery is how many increments pass between two sweeps of the
// expired counts.
const memorySweepEvery = 4096

func newMemoryCounters(now func() time.Time) *memoryCounters {
	return &memoryCounters{now: now, counts: map[string]*memoryCount{}}
}

func (m *memoryCounters) incr(_ context.Context, key, prev string, ttl time.Duration) (int64, int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	if m.calls++; m.calls%memorySweepEvery == 0 {
		for k, c := range m.counts {
			if !now.Before(c.expires) {
				delete(m.counts, k)
			}
		}
	}
	c := m.live(key, now)
	if c == nil {
		c = &memoryCount{}
		m.counts[key] = c
	}
	c.n++
	c.expires = now.Add(ttl)
	var previous int64
	if p := m.live(prev, now); p != nil {
		previous = p.n
	}
	return c.n, previous, nil
}

func (m *memoryCounters) decr(_ context.Context, key string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if c := m.live(key, m.now()); c != nil {
		c.n--
	}
}

// live returns key's count unless it expired.
func (m *memoryCounters) live(key string, now time.Time) *memoryCount {
	c, ok := m.counts[key]
	if !ok || !now.Before(c.expires) {
		return nil
	}
	return c
}
