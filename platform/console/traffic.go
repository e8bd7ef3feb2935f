package console

import (
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// busCalls is the series the console reads traffic from.
const busCalls = "jubako_bus_calls_total"

// Rates are measured over rateWindow, between snapshots of the counters
// taken when pages poll (at most four a second, shared by every viewer).
const (
	rateWindow  = 30 * time.Second
	minSnapshot = 250 * time.Millisecond
)

// callKey is one series of jubako_bus_calls_total.
type callKey struct {
	Caller, Module, Endpoint, Kind, Result string
}

type snapshot struct {
	at    time.Time
	calls map[callKey]float64
}

// traffic keeps recent snapshots of the bus counters to turn them into
// rates.
type traffic struct {
	g     prometheus.Gatherer
	mu    sync.Mutex
	start snapshot
	snaps []snapshot
}

func newTraffic(g prometheus.Gatherer) *traffic {
	t := &traffic{g: g}
	t.start = snapshot{at: time.Now(), calls: t.gather()}
	return t
}

// flow is the traffic of each series: its lifetime count and its change
// over the window.
type flow struct {
	// Window is what Delta covers; Since is set when it reaches back to
	// the console's start (no snapshot old enough yet).
	Window time.Duration
	Since  bool
	Total  map[callKey]float64
	Delta  map[callKey]float64
}

// Rate turns a change over the window into a per-second rate.
func (f flow) Rate(delta float64) float64 {
	if f.Window < time.Second {
		return delta
	}
	return delta / f.Window.Seconds()
}

// read takes a snapshot (or reuses one younger than minSnapshot) and compares
// it with the oldest one kept: the last taken before the window began, so
// that the window is about rateWindow while pages poll — longer right
// after a quiet time, and reaching back to the console's start at first.
func (t *traffic) read(now time.Time) flow {
	t.mu.Lock()
	defer t.mu.Unlock()
	if n := len(t.snaps); n == 0 || now.Sub(t.snaps[n-1].at) >= minSnapshot {
		t.snaps = append(t.snaps, snapshot{at: now, calls: t.gather()})
	}
	for len(t.snaps) > 2 && now.Sub(t.snaps[1].at) >= rateWindow {
		t.snaps = t.snaps[1:]
	}
	cur, base, since := t.snaps[len(t.snaps)-1], t.start, true
	if len(t.snaps) > 1 {
		base, since = t.snaps[0], false
	}
	f := flow{Window: cur.at.Sub(base.at), Since: since, Total: cur.calls, Delta: map[callKey]float64{}}
	for k, v := range cur.calls {
		f.Delta[k] = v - base.calls[k]
	}
	return f
}

// gather reads jubako_bus_calls_total from the registry. Gathering runs
// every collector; a failing one (the database is down) does not hide the
// counters, which are in memory.
func (t *traffic) gather() map[callKey]float64 {
	out := map[callKey]float64{}
	if t.g == nil {
		return out
	}
	families, _ := t.g.Gather()
	for _, mf := range families {
		if mf.GetName() != busCalls {
			continue
		}
		for _, m := range mf.GetMetric() {
			var k callKey
			for _, l := range m.GetLabel() {
				switch l.GetName() {
				case "caller":
					k.Caller = l.GetValue()
				case "module":
					k.Module = l.GetValue()
				case "endpoint":
					k.Endpoint = l.GetValue()
				case "kind":
					k.Kind = l.GetValue()
				case "result":
					k.Result = l.GetValue()
				}
			}
			out[k] = m.GetCounter().GetValue()
		}
	}
	return out
}
