package gateway

import (
	"context"
	"strconv"
	"time"
)

// limiter applies budgets, keeping its counts in a counters store.
type limiter struct {
	counts counters
	now    func() time.Time
}

// verdict is the limiter's answer for one request.
type verdict struct {
	admitted bool
	// remaining is what the budget allows after this request.
	remaining int
	// retryAfter is, for a refused request, when one would be admitted
	// again if nothing else arrives.
	retryAfter time.Duration
}

// admit counts one request of who in the class against l, keyed
// jubako:ratelimit:<class>:<who>:<window number>.
//
// It is a sliding window counter: requests are counted in fixed windows,
// and the previous window's count is weighed by how much of it the sliding
// window still covers: estimate = previous × (1 − elapsed) + current. A
// request is admitted when the estimate, itself included, stays within the
// limit. Counting is an atomic increment, so concurrent requests — on any
// instance — each see a count of their own and never pass the limit
// together; a refused request gives its count back.
func (lm *limiter) admit(ctx context.Context, class, who string, l Limit) (verdict, error) {
	now := lm.now()
	window := l.Window.Milliseconds()
	n := now.UnixMilli() / window
	elapsed := float64(now.UnixMilli()%window) / float64(window)
	prefix := "jubako:ratelimit:" + class + ":" + who + ":"
	key := prefix + strconv.FormatInt(n, 10)
	current, previous, err := lm.counts.incr(ctx, key, prefix+strconv.FormatInt(n-1, 10), 2*l.Window)
	if err != nil {
		return verdict{}, err
	}
	estimate := float64(previous)*(1-elapsed) + float64(current)
	if estimate <= float64(l.Requests) {
		return verdict{admitted: true, remaining: int(float64(l.Requests) - estimate)}, nil
	}
	lm.counts.decr(ctx, key)
	return verdict{retryAfter: wait(float64(l.Requests-1), float64(current-1), float64(previous), elapsed, l.Window)}, nil
}

// wait is how long until previous × (1 − elapsed) + current ≤ room, the
// counts staying as they are: later in this window when the previous
// window's share alone is in the way, else in the next window, where the
// current count becomes the previous one.
func wait(room, current, previous, elapsed float64, window time.Duration) time.Duration {
	var at float64 // in windows from the start of the current one
	if current <= room {
		at = 1 - (room-current)/previous
	} else {
		at = 1 + 1 - room/current
	}
	return time.Duration((at - elapsed) * float64(window))
}
