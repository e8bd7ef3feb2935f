package experiment

import "math"

// Verdicts.
const (
	// Held: the experiment cohort stayed within the tolerance of control —
	// the hypothesis "the fault causes a failure" is refuted.
	Held = "held"
	// Deviated: it went beyond the tolerance, in the bad direction.
	Deviated = "deviated"
	// Inconclusive: a cohort had fewer measurements than the minimum.
	Inconclusive = "inconclusive"
)

// LineResult is a hypothesis line's verdict with both cohorts' figures.
type LineResult struct {
	Line       Line   `json:"line"`
	Control    Figure `json:"control"`
	Experiment Figure `json:"experiment"`
	// Deviation is how much worse the experiment cohort did than control:
	// points of rate lower (success, completion) or higher (errors), ms of
	// p95 higher; negative when it did better; 0 while a cohort has no
	// measurement.
	Deviation float64 `json:"deviation"`
	Verdict   string  `json:"verdict"`
}

// judge gives line its verdict from both cohorts' counts.
func judge(line Line, control, experiment counts, minSample int, final bool) LineResult {
	r := LineResult{
		Line:       line,
		Control:    control.figure(line.Metric, line.Route, line.Saga, final),
		Experiment: experiment.figure(line.Metric, line.Route, line.Saga, final),
	}
	r.Deviation = deviation(line.Metric, r.Control.Value, r.Experiment.Value)
	switch {
	case r.Control.Sample == 0 || r.Experiment.Sample == 0:
		r.Deviation, r.Verdict = 0, Inconclusive
	case r.Control.Sample < int64(minSample) || r.Experiment.Sample < int64(minSample):
		r.Verdict = Inconclusive
	case r.Deviation <= line.MaxDelta+1e-9:
		r.Verdict = Held
	default:
		r.Verdict = Deviated
	}
	return r
}

// deviation is experiment minus control in the bad direction.
func deviation(metric string, control, experiment float64) float64 {
	switch metric {
	case MetricRouteErrors, MetricRouteP95:
		return round(experiment-control, 4)
	default:
		return round(control-experiment, 4)
	}
}

// overall is the run's verdict: deviated when a line deviated, else
// inconclusive when one was, else held.
func overall(lines []LineResult) string {
	v := Held
	for _, l := range lines {
		switch l.Verdict {
		case Deviated:
			return Deviated
		case Inconclusive:
			v = Inconclusive
		}
	}
	return v
}

// breached tells whether the experiment cohort's counts break c.
func breached(c Condition, experiment counts, minSample int) (Figure, bool) {
	f := experiment.figure(c.Metric, c.Route, c.Saga, false)
	need := int64(c.MinSample)
	if need == 0 {
		need = int64(minSample)
	}
	if f.Sample < need {
		return f, false
	}
	if c.Below != nil && f.Value < *c.Below {
		return f, true
	}
	return f, c.Above != nil && f.Value > *c.Above
}

func round(v float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(v*p) / p
}
