package gateway

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
)

// clock is a settable time source.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// stores give, for one test, limiters that share one store of counts: a
// Redis (each limiter a client of its own, as instances are) or this
// process's memory.
var stores = map[string]func(t *testing.T, c *clock) func() *limiter{
	"redis": func(t *testing.T, c *clock) func() *limiter {
		m := miniredis.RunT(t)
		return func() *limiter {
			rdb := redis.NewClient(&redis.Options{Addr: m.Addr()})
			t.Cleanup(func() { _ = rdb.Close() })
			return &limiter{counts: redisCounters{rdb}, now: c.now}
		}
	},
	"memory": func(_ *testing.T, c *clock) func() *limiter {
		counts := newMemoryCounters(c.now)
		return func() *limiter { return &limiter{counts: counts, now: c.now} }
	},
}

// eachStore runs fn as a subtest per store, with a clock at the start of
// a window.
func eachStore(t *testing.T, fn func(t *testing.T, c *clock, limiters func() *limiter)) {
	for name, store := range stores {
		t.Run(name, func(t *testing.T) {
			c := &clock{t: time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)}
			fn(t, c, store(t, c))
		})
	}
}

func TestSlidingWindow(t *testing.T) {
	l := Limit{Requests: 10, Window: time.Minute}
	for _, tc := range []struct {
		name string
		// before sends this many requests at the start of a window
		before int
		// then waits this long and checks one more request
		after          time.Duration
		admitted       bool
		retryAfterSecs float64
	}{
		{"within the budget", 9, 30 * time.Second, true, 0},
		// The next window starts in 30 s with the ten as its previous
		// count; 6 s into it their share is down to 9.
		{"the eleventh in the window", 10, 30 * time.Second, false, 36},
		{"refused requests do not count", 15, 30 * time.Second, false, 36},
		{"the previous window still weighs", 10, 65 * time.Second, false, 1},
		{"the previous window's share is gone", 10, 66*time.Second + time.Millisecond, true, 0},
		{"past two windows", 10, 2 * time.Minute, true, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			eachStore(t, func(t *testing.T, c *clock, limiters func() *limiter) {
				lm := limiters()
				ctx := context.Background()
				for i := range tc.before {
					v, err := lm.admit(ctx, "read", "ip:a", l)
					if err != nil || v.admitted != (i < l.Requests) || (v.admitted && v.remaining != l.Requests-1-i) {
						t.Fatalf("request %d: %+v %v", i+1, v, err)
					}
				}
				c.advance(tc.after)
				v, err := lm.admit(ctx, "read", "ip:a", l)
				if err != nil || v.admitted != tc.admitted {
					t.Fatalf("after %s: %+v %v, want admitted %v", tc.after, v, err, tc.admitted)
				}
				if got := v.retryAfter.Seconds(); !tc.admitted && (got < tc.retryAfterSecs-0.01 || got > tc.retryAfterSecs+0.01) {
					t.Errorf("retry after %.2fs, want %.0fs", got, tc.retryAfterSecs)
				}
			})
		})
	}
}

func TestBudgetsAreSharedAndSeparate(t *testing.T) {
	eachStore(t, func(t *testing.T, _ *clock, limiters func() *limiter) {
		a, b := limiters(), limiters()
		l := Limit{Requests: 3, Window: time.Minute}
		ctx := context.Background()
		admitted := 0
		for i := range 6 {
			if v, err := []*limiter{a, b}[i%2].admit(ctx, "write", "user:ada", l); err != nil {
				t.Fatal(err)
			} else if v.admitted {
				admitted++
			}
		}
		if admitted != 3 {
			t.Errorf("two limiters on one store admitted %d of 6 requests, want the shared budget of 3", admitted)
		}
		for _, other := range []struct{ class, who string }{{"read", "user:ada"}, {"write", "user:bob"}} {
			if v, err := a.admit(ctx, other.class, other.who, l); err != nil || !v.admitted {
				t.Errorf("%s of %s: %+v %v, want a budget of its own", other.class, other.who, v, err)
			}
		}
	})
}

func TestConcurrentRequestsNeverPassTheLimit(t *testing.T) {
	eachStore(t, func(t *testing.T, _ *clock, limiters func() *limiter) {
		l := Limit{Requests: 25, Window: time.Minute}
		var mu sync.Mutex
		admitted := 0
		var wg sync.WaitGroup
		for range 100 {
			lm := limiters()
			wg.Go(func() {
				v, err := lm.admit(context.Background(), "write", "ip:b", l)
				if err != nil {
					t.Error(err)
				}
				mu.Lock()
				defer mu.Unlock()
				if v.admitted {
					admitted++
				}
			})
		}
		wg.Wait()
		if admitted != l.Requests {
			t.Errorf("admitted %d of 100 concurrent requests, want exactly %d", admitted, l.Requests)
		}
	})
}

func TestMemoryCountsExpire(t *testing.T) {
	c := &clock{t: time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)}
	m := newMemoryCounters(c.now)
	ctx := context.Background()
	for range memorySweepEvery - 1 {
		c.advance(time.Second)
		if _, _, err := m.incr(ctx, "k"+c.now().String(), "none", time.Minute); err != nil {
			t.Fatal(err)
		}
	}
	c.advance(time.Minute)
	if _, _, err := m.incr(ctx, "last", "none", time.Minute); err != nil {
		t.Fatal(err)
	}
	if len(m.counts) > 61 {
		t.Errorf("%d counts kept, want the expired ones swept", len(m.counts))
	}
}
