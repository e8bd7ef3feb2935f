package experiment

import (
	"fmt"
	"io"
	"math"
	"text/tabwriter"
	"time"
)

// WriteReport writes run as text: its outcome, then a line per hypothesis
// line with both cohorts' figures side by side.
func WriteReport(w io.Writer, r Run) error {
	fmt.Fprintf(w, "experiment %q (%s): %s", r.Name, r.ID, r.Status)
	if r.Verdict != "" {
		fmt.Fprintf(w, ", verdict %s", r.Verdict)
	}
	fmt.Fprintln(w)
	if r.Reason != "" {
		fmt.Fprintf(w, "  %s\n", r.Reason)
	}
	fmt.Fprintf(w, "  requests: control %d, experiment %d; sagas ended: control %d, experiment %d\n\n",
		r.Control.Requests, r.Experiment.Requests, r.Control.SagasEnded, r.Experiment.SagasEnded)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "LINE\tCONTROL\tEXPERIMENT\tDEVIATION\tTOLERANCE\tVERDICT")
	for _, l := range r.Lines {
		unit := " pt"
		dev, tol := l.Deviation*100, l.Line.MaxDelta*100
		if l.Line.Metric == MetricRouteP95 {
			unit, dev, tol = " ms", l.Deviation, l.Line.MaxDelta
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%+.1f%s\t%.1f%s\t%s\n", shortLabel(l.Line), figureText(l.Line.Metric, l.Control),
			figureText(l.Line.Metric, l.Experiment), math.Round(dev*10)/10+0, unit, tol, unit, l.Verdict)
	}
	return tw.Flush()
}

func shortLabel(l Line) string {
	switch {
	case l.Metric == MetricSagaCompletion && l.Saga != "":
		return l.Metric + " (" + l.Saga + ")"
	case l.Route != "":
		return l.Metric + " " + l.Route
	}
	return l.Metric
}

// Progress is one line on a run going on.
func Progress(r Run, now time.Time) string {
	elapsed := max(0, min(now.Sub(r.Started), r.Definition.Duration.D())).Truncate(time.Second)
	s := fmt.Sprintf("%s %s %s/%s", r.Status, r.Phase, elapsed, r.Definition.Duration.D())
	if r.Status != StatusRunning {
		s = r.Status
	}
	return fmt.Sprintf("%s · requests %d · %d · sagas ended %d · %d (control · experiment) · verdict so far %s",
		s, r.Control.Requests, r.Experiment.Requests, r.Control.SagasEnded, r.Experiment.SagasEnded, r.Verdict)
}
