package experiment

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jubako/jubako/platform/chaos"
	"github.com/jubako/jubako/shared"
)

// Defaults of a definition's optional fields.
const (
	DefaultSplit     = 0.5
	DefaultMinSample = 5
	DefaultSettle    = 30 * time.Second
	// MaxDuration bounds a run: an experiment is a probe, not a mode.
	MaxDuration = time.Hour
)

var (
	metrics = []string{MetricCheckoutSuccess, MetricRouteErrors, MetricRouteP95, MetricSagaCompletion}
	methods = []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
)

// Normalize checks d and fills its defaults; checkoutRoute is the route of
// checkout_success_rate lines that name none. Errors are
// shared.CodeInvalid naming the field ("hypothesis[0].metric").
func (d Definition) Normalize(checkoutRoute string) (Definition, error) {
	d.Name = strings.TrimSpace(d.Name)
	if d.Name == "" {
		return d, shared.Invalid("name", "is required")
	}
	if len(d.Hypothesis) == 0 {
		return d, shared.Invalid("hypothesis", "needs at least one line")
	}
	d.Hypothesis = slices.Clone(d.Hypothesis)
	for i := range d.Hypothesis {
		if err := d.Hypothesis[i].normalize(fmt.Sprintf("hypothesis[%d]", i), checkoutRoute); err != nil {
			return d, err
		}
	}
	if len(d.Faults) == 0 {
		return d, shared.Invalid("faults", "needs at least one fault")
	}
	d.Faults = slices.Clone(d.Faults)
	for i := range d.Faults {
		if err := d.Faults[i].normalize(fmt.Sprintf("faults[%d]", i)); err != nil {
			return d, err
		}
	}
	if d.Duration <= 0 || d.Duration.D() > MaxDuration {
		return d, shared.Invalid("duration", "must be a positive duration up to %s, such as \"60s\"", MaxDuration)
	}
	if d.Split == 0 {
		d.Split = DefaultSplit
	}
	if d.Split <= 0 || d.Split >= 1 {
		return d, shared.Invalid("split", "must be between 0 and 1 (the experiment cohort's share), not %g", d.Split)
	}
	d.AbortWhen = slices.Clone(d.AbortWhen)
	for i := range d.AbortWhen {
		if err := d.AbortWhen[i].normalize(fmt.Sprintf("abort_when[%d]", i), checkoutRoute); err != nil {
			return d, err
		}
	}
	if d.MinSample < 0 {
		return d, shared.Invalid("min_sample", "must not be negative")
	}
	if d.MinSample == 0 {
		d.MinSample = DefaultMinSample
	}
	if d.Settle < 0 || d.Settle.D() > MaxDuration {
		return d, shared.Invalid("settle", "must be a duration up to %s", MaxDuration)
	}
	if d.Settle == 0 {
		d.Settle = Duration(DefaultSettle)
	}
	return d, nil
}

func (l *Line) normalize(field, checkoutRoute string) error {
	route, err := metricRoute(field, l.Metric, l.Route, checkoutRoute)
	if err != nil {
		return err
	}
	l.Route = route
	if l.MaxDelta < 0 {
		return shared.Invalid(field+".max_delta", "must not be negative")
	}
	return nil
}

func (c *Condition) normalize(field, checkoutRoute string) error {
	route, err := metricRoute(field, c.Metric, c.Route, checkoutRoute)
	if err != nil {
		return err
	}
	c.Route = route
	if (c.Below == nil) == (c.Above == nil) {
		return shared.Invalid(field, "needs one bound: below or above")
	}
	if c.MinSample < 0 {
		return shared.Invalid(field+".min_sample", "must not be negative")
	}
	return nil
}

// metricRoute checks a metric and its route, and returns the route to
// measure: the checkout route for checkout_success_rate when none is given.
func metricRoute(field, metric, route, checkoutRoute string) (string, error) {
	if !slices.Contains(metrics, metric) {
		return "", shared.Invalid(field+".metric", "must be one of %s, not %q", strings.Join(metrics, ", "), metric)
	}
	route = strings.TrimSpace(route)
	switch metric {
	case MetricCheckoutSuccess:
		if route == "" {
			route = checkoutRoute
		}
		if route == "" {
			return "", shared.Invalid(field+".route", "is required: no checkout route is configured (experiments.checkout_route)")
		}
	case MetricRouteErrors, MetricRouteP95:
		if route == "" {
			return "", shared.Invalid(field+".route", "is required for %s", metric)
		}
	case MetricSagaCompletion:
		return route, nil
	}
	route = strings.TrimSpace(route)
	if method, path, ok := strings.Cut(route, " "); ok {
		route = method + " " + pattern(path)
	}
	if !validRoute(route) {
		return "", shared.Invalid(field+".route", "must be \"METHOD /pattern\" as the console names routes, such as \"GET /product/:id\", not %q", route)
	}
	return route, nil
}

func validRoute(route string) bool {
	method, path, ok := strings.Cut(route, " ")
	return ok && slices.Contains(methods, method) && strings.HasPrefix(path, "/") && !strings.ContainsAny(path, " ?#")
}

func (f *FaultSpec) normalize(field string) error {
	f.Target = strings.TrimSpace(f.Target)
	if f.Target == "" {
		return shared.Invalid(field+".target", "is required: an endpoint, a topic, a module or \"METHOD /route\"")
	}
	kind := f.fault("", 0)
	if err := chaos.CheckKind(&kind); err != nil {
		return within(field, err)
	}
	if f.Percent == 0 {
		f.Percent = 100
	}
	if f.Percent < 0 || f.Percent > 100 {
		return shared.Invalid(field+".percent", "must be between 0 and 100, not %g", f.Percent)
	}
	return nil
}

// within names err's field as one of field's, when err is Invalid.
func within(field string, err error) error {
	var se *shared.Error
	if !errors.As(err, &se) || se.Code != shared.CodeInvalid {
		return err
	}
	if se.Field != "" {
		field += "." + se.Field
	}
	return shared.Invalid(field, "%s", se.Message)
}

// fault is f as the chaos store takes it: for the experiment cohort of run
// id, ending by itself after ttl.
func (f FaultSpec) fault(id string, ttl time.Duration) chaos.Fault {
	return chaos.Fault{
		Target: f.Target, Kind: f.Kind, Latency: f.Latency.D(), Jitter: f.Jitter.D(), Code: f.Code,
		Percent: f.Percent, Cohort: chaos.CohortExperiment, TTL: ttl, Experiment: id,
	}
}

func errInvalidRoute(route string) error {
	return shared.Invalid("checkout_route", "must be \"METHOD /pattern\", such as \"POST /api/buy\", not %q", route)
}
