package experiment

import (
	"fmt"
	"math"
	"time"
)

// report is a run as the panel draws it.
type report struct {
	Run
	Charts []chart
}

// chart is one hypothesis line: a bar per cohort, on one scale.
type chart struct {
	Label      string
	Result     LineResult
	Unit       string
	Control    bar
	Experiment bar
}

type bar struct {
	Width float64
	Text  string
}

// barWidth is the width in the chart's viewBox of a full bar.
const barWidth = 420.0

func newReport(r Run) *report {
	rep := &report{Run: r}
	for _, l := range r.Lines {
		top := 1.0
		if l.Line.Metric == MetricRouteP95 {
			top = math.Max(l.Control.Value, l.Experiment.Value)
		}
		c := chart{Label: lineLabel(l.Line), Result: l}
		c.Control = bar{Width: scaled(l.Control.Value, top), Text: figureText(l.Line.Metric, l.Control)}
		c.Experiment = bar{Width: scaled(l.Experiment.Value, top), Text: figureText(l.Line.Metric, l.Experiment)}
		rep.Charts = append(rep.Charts, c)
	}
	return rep
}

func scaled(v, top float64) float64 {
	if top <= 0 {
		return 0
	}
	return math.Round(v / top * barWidth)
}

func lineLabel(l Line) string {
	s := l.Metric
	switch {
	case l.Metric == MetricSagaCompletion && l.Saga != "":
		s += " (" + l.Saga + ")"
	case l.Route != "":
		s += " · " + l.Route
	}
	if l.Metric == MetricRouteP95 {
		return fmt.Sprintf("%s — tolerance %g ms", s, l.MaxDelta)
	}
	return fmt.Sprintf("%s — tolerance %g points", s, l.MaxDelta*100)
}

func figureText(metric string, f Figure) string {
	if f.Sample == 0 {
		return "no sample"
	}
	if metric == MetricRouteP95 {
		return fmt.Sprintf("%.0f ms (n=%d)", f.Value, f.Sample)
	}
	return fmt.Sprintf("%s (n=%d)", pct(f.Value), f.Sample)
}

func pct(v float64) string { return fmt.Sprintf("%.1f %%", v*100) }

// badge is the console's badge class for a status or verdict.
func badge(s string) string {
	switch s {
	case Held, StatusFinished:
		return "completed"
	case Deviated:
		return "bad"
	case StatusAborted:
		return "cancelled"
	case StatusRunning:
		return "running"
	}
	return "warn"
}

func when(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05Z") }

// deviationText is a line's deviation in its unit.
// A deviation that rounds to zero reads +0, never -0.
func deviationText(r LineResult) string {
	if r.Line.Metric == MetricRouteP95 {
		return fmt.Sprintf("%+.0f ms", math.Round(r.Deviation)+0)
	}
	return fmt.Sprintf("%+.1f points", math.Round(r.Deviation*1000)/10+0)
}
