package loadgen

import (
	"context"
	"math/rand/v2"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// Run is one load run.
type Run struct {
	opts  Options
	stats *Stats
	users atomic.Int64
	// started and ended are the run's times, in Unix nanoseconds.
	started, ended atomic.Int64
}

// New prepares a run of o.
func New(o Options) (*Run, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	if o.Seed == 0 {
		o.Seed = rand.Uint64()
	}
	return &Run{opts: o, stats: newStats()}, nil
}

// Options are the run's.
func (r *Run) Options() Options { return r.opts }

// Snapshot is the run as it stands; safe to call while it runs.
func (r *Run) Snapshot() Snapshot {
	var elapsed time.Duration
	if start := r.started.Load(); start != 0 {
		end := time.Now().UnixNano()
		if r.Finished() {
			end = r.ended.Load()
		}
		elapsed = time.Duration(end - start)
	}
	return r.stats.snapshot(elapsed, int(r.users.Load()))
}

// Finished tells whether the run is over.
func (r *Run) Finished() bool {
	return r.ended.Load() != 0
}

// Run loads the shop until the duration has passed or ctx is done —
// starting users at the spawn rate — and returns the final numbers.
// Tasks cut short by the end are not counted.
func (r *Run) Run(ctx context.Context) Snapshot {
	start := time.Now()
	r.started.Store(start.UnixNano())
	ctx, cancel := context.WithDeadline(ctx, start.Add(r.opts.Duration))
	defer cancel()
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxIdleConnsPerHost = r.opts.Users
	var wg sync.WaitGroup
	wg.Go(func() { r.tick(ctx, start) })
	wg.Go(func() { r.spawn(ctx, counting{next: transport, stats: r.stats}, &wg) })
	wg.Wait()
	transport.CloseIdleConnections()
	r.ended.Store(time.Now().UnixNano())
	return r.Snapshot()
}

// spawn starts the users, SpawnRate a second.
func (r *Run) spawn(ctx context.Context, transport http.RoundTripper, wg *sync.WaitGroup) {
	every := time.Duration(float64(time.Second) / r.opts.SpawnRate)
	for i := range r.opts.Users {
		rng := rand.New(rand.NewPCG(r.opts.Seed, uint64(i)))
		u := newUser(r.opts.URL, transport, r.opts.Timeout, rng)
		r.users.Add(1)
		wg.Go(func() { r.shop(ctx, u) })
		if !sleep(ctx, every) {
			return
		}
	}
}

// shop is a user's life: the home page, then tasks until the end.
func (r *Run) shop(ctx context.Context, u *user) {
	pace := r.opts.pace()
	next := time.Now()
	for t := tasks[0]; ; t = pick(u.rng) {
		began := time.Now()
		err := t.run(ctx, u)
		if ctx.Err() != nil {
			return
		}
		r.stats.record(t.name, time.Since(began), pace, err)
		wait := r.opts.Think.Min + time.Duration(u.rng.Int64N(int64(r.opts.Think.Max-r.opts.Think.Min)+1))
		if pace > 0 {
			next = next.Add(pace)
			wait = time.Until(next)
		}
		if !sleep(ctx, wait) {
			return
		}
	}
}

// tick closes a sample every second.
func (r *Run) tick(ctx context.Context, start time.Time) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			r.stats.tick(now.Sub(start).Round(time.Second), int(r.users.Load()))
		}
	}
}

// sleep waits d, or less when ctx ends first (false then).
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
