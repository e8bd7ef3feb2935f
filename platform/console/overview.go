package console

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/platform/saga"
)

// moduleRow is one module on the overview.
type moduleRow struct {
	Name string
	// Remote is set for a module served by another process, at Where.
	Remote bool
	Where  string
	OK     bool
	Health string
	// Endpoints it owns and topics it subscribes to.
	Endpoints, Subscriptions int
	// Rates of the calls and deliveries it served, over the window; Errors
	// are those that did not answer ok (Breakdown names their codes).
	Rate, ErrorRate, ErrorShare float64
	Total, ErrorTotal           float64
	Breakdown                   string
}

// overviewData is the overview page.
type overviewData struct {
	Ready   bool
	Checks  []Check
	Modules []moduleRow
	Flow    flow
	Glance  glance
}

// glance sums up what may need an operator.
type glance struct {
	Backlog     int64
	Lag         time.Duration
	DeadLetters int
	Stuck       int
	Problems    []string
}

func (k *Console) overview(c *fiber.Ctx) (any, error) {
	ctx := c.UserContext()
	checks := k.d.Readiness(ctx)
	ready, process := true, true
	health := map[string]Check{}
	for _, ch := range checks {
		ready = ready && ch.OK
		if m, ok := strings.CutPrefix(ch.Name, "module:"); ok {
			health[m] = ch
		} else {
			process = process && ch.OK
		}
	}
	f := k.traffic.read(time.Now())
	return overviewData{Ready: ready, Checks: checks, Modules: k.moduleRows(f, health, process), Flow: f, Glance: k.glance(ctx)}, nil
}

// moduleRows lists the modules of this process and the remote ones.
func (k *Console) moduleRows(f flow, health map[string]Check, processOK bool) []moduleRow {
	reg := k.d.Bus.Registry()
	rows := map[string]*moduleRow{}
	row := func(m string) *moduleRow {
		if rows[m] == nil {
			rows[m] = &moduleRow{Name: m, Where: "this process", OK: processOK, Health: "ready"}
			if !processOK {
				rows[m].Health = "this process is not ready"
			}
		}
		return rows[m]
	}
	for _, m := range reg.Modules {
		row(m)
	}
	for m, u := range k.d.Remotes {
		r := row(m)
		r.Remote, r.Where = true, u
		r.OK, r.Health = health[m].OK, "ready"
		if !r.OK {
			r.Health = "unreachable: " + scrub(health[m].Error)
		}
	}
	for _, e := range reg.Endpoints {
		if r := rows[e.Module]; r != nil {
			r.Endpoints++
		}
	}
	for _, s := range reg.Subscriptions {
		if r := rows[s.Module]; r != nil {
			r.Subscriptions++
		}
	}
	addTraffic(rows, f)
	out := make([]moduleRow, 0, len(rows))
	for _, r := range rows {
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// addTraffic counts what each module served.
func addTraffic(rows map[string]*moduleRow, f flow) {
	codes := map[string]map[string]float64{}
	delta, errs := map[string]float64{}, map[string]float64{}
	for key, total := range f.Total {
		r := rows[key.Module]
		if r == nil {
			continue
		}
		r.Total += total
		delta[key.Module] += f.Delta[key]
		if key.Result != "ok" {
			r.ErrorTotal += total
			errs[key.Module] += f.Delta[key]
			if codes[key.Module] == nil {
				codes[key.Module] = map[string]float64{}
			}
			codes[key.Module][key.Result] += total
		}
	}
	for m, r := range rows {
		r.Rate, r.ErrorRate = f.Rate(delta[m]), f.Rate(errs[m])
		if delta[m] > 0 {
			r.ErrorShare = errs[m] / delta[m]
		}
		r.Breakdown = breakdown(codes[m])
	}
}

func breakdown(codes map[string]float64) string {
	parts := make([]string, 0, len(codes))
	for code, n := range codes {
		parts = append(parts, code+" "+strconv.FormatFloat(n, 'f', -1, 64))
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}

// glance reads the backlog, the dead letters and the stuck sagas; what
// cannot be read is named in Problems.
func (k *Console) glance(ctx context.Context) glance {
	var g glance
	if b, err := k.d.Outbox.Backlog(ctx); err == nil {
		g.Backlog, g.Lag = b.Count, b.Lag(time.Now())
	} else {
		g.Problems = append(g.Problems, "outbox: "+describe(err))
	}
	if queues, err := k.d.Broker.Queues(); err == nil {
		for _, q := range queues {
			g.DeadLetters += q.Archived
		}
	} else {
		g.Problems = append(g.Problems, "queues: "+describe(err))
	}
	if stuck, err := k.d.Sagas.List(ctx, saga.Filter{Stuck: true, Limit: 500}); err == nil {
		g.Stuck = len(stuck)
	} else {
		g.Problems = append(g.Problems, "sagas: "+describe(err))
	}
	return g
}
