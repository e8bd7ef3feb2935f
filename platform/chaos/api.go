package chaos

import (
	"time"

	"github.com/jubako/jubako/shared"
)

// Request is the body of POST /api/admin/faults: a Fault with its
// durations written as Go writes them ("300ms", "5m").
type Request struct {
	Target  string `json:"target" description:"an endpoint (module.Endpoint), a topic's deliveries, a module (all its endpoints) or a route (GET /api/module/items/:id)"`
	Kind    string `json:"kind" enum:"latency,error,abort"`
	Latency string `json:"latency,omitempty" description:"latency faults: the delay (300ms)"`
	Jitter  string `json:"jitter,omitempty" description:"latency faults: up to this much more or less (100ms)"`
	Code    string `json:"code,omitempty" description:"error faults: the error's code, unavailable when omitted"`
	// Percent is a pointer so that 0 and "omitted" (100) differ.
	Percent *float64 `json:"percent,omitempty" nullable:"false" minimum:"0" maximum:"100" description:"share of the matching calls hit, 100 when omitted"`
	Cohort  string   `json:"cohort,omitempty" enum:"all,experiment" description:"whose calls: everybody's (all, when omitted) or the experiment group's"`
	TTL     string   `json:"ttl" description:"how long the fault lasts, at most 24h (5m)"`
}

// Fault reads r, naming the field at fault; Store.Add checks the rest.
func (r Request) Fault() (Fault, error) {
	f := Fault{Target: r.Target, Kind: r.Kind, Code: r.Code, Percent: 100, Cohort: r.Cohort}
	if r.Percent != nil {
		f.Percent = *r.Percent
	}
	for _, d := range []struct {
		field string
		text  string
		into  *time.Duration
	}{{"latency", r.Latency, &f.Latency}, {"jitter", r.Jitter, &f.Jitter}, {"ttl", r.TTL, &f.TTL}} {
		if d.text == "" {
			continue
		}
		v, err := time.ParseDuration(d.text)
		if err != nil || v < 0 {
			return Fault{}, shared.Invalid(d.field, "not a duration: %q (use 300ms, 2s, 5m)", d.text)
		}
		*d.into = v
	}
	return f, nil
}

// View is a fault as the admin API answers it: durations as text, and the
// time it has left.
type View struct {
	ID         string    `json:"id"`
	Target     string    `json:"target"`
	Kind       string    `json:"kind" enum:"latency,error,abort"`
	Latency    string    `json:"latency,omitempty"`
	Jitter     string    `json:"jitter,omitempty"`
	Code       string    `json:"code,omitempty"`
	Percent    float64   `json:"percent"`
	Cohort     string    `json:"cohort" enum:"all,experiment"`
	TTL        string    `json:"ttl"`
	Experiment string    `json:"experiment,omitempty" description:"the experiment that added the fault"`
	Created    time.Time `json:"created"`
	Expires    time.Time `json:"expires"`
	// Remaining is the time left, in whole seconds (4m12s).
	Remaining string `json:"remaining"`
}

// ViewOf describes f as at now.
func ViewOf(f Fault, now time.Time) View {
	v := View{ID: f.ID, Target: f.Target, Kind: f.Kind, Code: f.Code, Percent: f.Percent, Cohort: f.Cohort,
		TTL: f.TTL.String(), Experiment: f.Experiment, Created: f.Created, Expires: f.Expires,
		Remaining: max(f.Expires.Sub(now), 0).Round(time.Second).String()}
	if f.Latency > 0 {
		v.Latency = f.Latency.String()
	}
	if f.Jitter > 0 {
		v.Jitter = f.Jitter.String()
	}
	return v
}

// List is the answer of GET /api/admin/faults, oldest first.
type List struct {
	Faults []View `json:"faults"`
}

// ListOf describes faults as at now.
func ListOf(faults []Fault, now time.Time) List {
	l := List{Faults: make([]View, 0, len(faults))}
	for _, f := range faults {
		l.Faults = append(l.Faults, ViewOf(f, now))
	}
	return l
}
