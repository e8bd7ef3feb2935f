package chaos

import (
	"context"
	"math/rand/v2"
	"time"

	"github.com/jubako/jubako/platform/bus"
)

// snapshot is the faults a process applies, indexed for matching. The
// store swaps it whole; readers never lock.
type snapshot struct {
	// byTarget holds the bus faults by endpoint, topic or module name.
	byTarget map[string][]*Fault
	routes   []routeFault
	// ends is when the last fault ends: past it the snapshot is empty.
	ends time.Time
}

type routeFault struct {
	route route
	fault *Fault
}

// newSnapshot indexes faults, oldest first; nil when none is active.
func newSnapshot(faults []Fault, now time.Time) *snapshot {
	s := &snapshot{byTarget: map[string][]*Fault{}}
	for i := range faults {
		f := &faults[i]
		if !now.Before(f.Expires) {
			continue
		}
		if f.Expires.After(s.ends) {
			s.ends = f.Expires
		}
		if r, err := parseRoute(f.Target); err == nil {
			s.routes = append(s.routes, routeFault{route: r, fault: f})
			continue
		}
		s.byTarget[f.Target] = append(s.byTarget[f.Target], f)
	}
	if s.ends.IsZero() {
		return nil
	}
	return s
}

// forCall returns the fault that hits c, served in this process, or nil:
// an endpoint's or its module's fault for a call, a topic's for a
// delivery.
func (s *snapshot) forCall(ctx context.Context, c *bus.Call, now time.Time) *Fault {
	if f := pick(ctx, s.byTarget[c.Name], now); f != nil {
		return f
	}
	if c.Kind == bus.KindCall {
		return pick(ctx, s.byTarget[c.Module], now)
	}
	return nil
}

// forRoute returns the fault that hits a request, or nil.
func (s *snapshot) forRoute(ctx context.Context, method, path string, now time.Time) *Fault {
	for _, r := range s.routes {
		if r.route.matches(method, path) && hits(ctx, r.fault, now) {
			return r.fault
		}
	}
	return nil
}

func pick(ctx context.Context, faults []*Fault, now time.Time) *Fault {
	for _, f := range faults {
		if hits(ctx, f, now) {
			return f
		}
	}
	return nil
}

// hits decides whether f applies to this call: still active (a fault ends
// at its expiry even before the store hears of it), for the call's cohort,
// and drawn within its share.
func hits(ctx context.Context, f *Fault, now time.Time) bool {
	if !now.Before(f.Expires) {
		return false
	}
	if f.Cohort != CohortAll && f.Cohort != CohortOf(ctx) {
		return false
	}
	return f.Percent >= 100 || rand.Float64()*100 < f.Percent
}
