package experiment

import (
	"testing"
	"time"
)

func TestJudgeComparesInTheBadDirectionOnly(t *testing.T) {
	const route = "POST /api/buy"
	sagas := func(ended, completed int64) counts {
		return counts{fieldSagaEnded(anySaga): ended, fieldSagaCompleted(anySaga): completed,
			fieldOK(route): ended, fieldRequests(route): ended}
	}
	errs := func(n, failed int64) counts {
		return counts{fieldRequests(route): n, fieldFailed(route): failed}
	}
	cases := []struct {
		name                string
		line                Line
		control, experiment counts
		deviation           float64
		verdict             string
	}{
		{"completion lower within tolerance", Line{Metric: MetricSagaCompletion, MaxDelta: 0.05}, sagas(100, 98), sagas(100, 95), 0.03, Held},
		{"completion lower beyond tolerance", Line{Metric: MetricSagaCompletion, MaxDelta: 0.05}, sagas(100, 98), sagas(100, 80), 0.18, Deviated},
		{"completion higher is no deviation", Line{Metric: MetricSagaCompletion, MaxDelta: 0}, sagas(100, 80), sagas(100, 98), -0.18, Held},
		{"errors higher beyond tolerance", Line{Metric: MetricRouteErrors, Route: route, MaxDelta: 0.01}, errs(100, 0), errs(100, 5), 0.05, Deviated},
		{"errors lower is no deviation", Line{Metric: MetricRouteErrors, Route: route, MaxDelta: 0}, errs(100, 5), errs(100, 0), -0.05, Held},
		{"checkouts all failed", Line{Metric: MetricCheckoutSuccess, Route: route, MaxDelta: 0.05}, sagas(10, 10), sagas(10, 0), 1, Deviated},
		{"too few samples", Line{Metric: MetricSagaCompletion, MaxDelta: 0.05}, sagas(100, 100), sagas(4, 0), 1, Inconclusive},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := judge(c.line, c.control, c.experiment, 5, true)
			if got.Deviation != c.deviation || got.Verdict != c.verdict {
				t.Fatalf("deviation %v verdict %s, want %v %s (%+v)", got.Deviation, got.Verdict, c.deviation, c.verdict, got)
			}
		})
	}
}

func TestCheckoutsWithoutAnEndedSaga(t *testing.T) {
	const route = "POST /api/buy"
	c := counts{fieldOK(route): 10, fieldFailed(route): 2, fieldSagaEnded(anySaga): 6, fieldSagaCompleted(anySaga): 6}
	if f := c.figure(MetricCheckoutSuccess, route, "", false); f.Sample != 8 || f.Value != 0.75 {
		t.Fatalf("while running: %+v, want 6 of the 8 settled attempts", f)
	}
	if f := c.figure(MetricCheckoutSuccess, route, "", true); f.Sample != 12 || f.Value != 0.5 {
		t.Fatalf("at the end: %+v, want 6 of 12 attempts (pending ones failed)", f)
	}
}

func TestP95ReadsTheBuckets(t *testing.T) {
	const route = "GET /p"
	c := counts{fieldRequests(route): 100}
	for i := range 100 {
		ms := 10 * time.Millisecond
		if i >= 94 {
			ms = 300 * time.Millisecond
		}
		c[fieldLatency(route, bucketOf(ms))]++
	}
	got := c.figure(MetricRouteP95, route, "", true)
	if got.Value < 300 || got.Value > 315 {
		t.Fatalf("p95 = %v ms, want 300 ms within the buckets' 5 %%", got.Value)
	}
	line := Line{Metric: MetricRouteP95, Route: route, MaxDelta: 100}
	fast := counts{fieldRequests(route): 100, fieldLatency(route, bucketOf(10*time.Millisecond)): 100}
	if r := judge(line, fast, c, 5, true); r.Verdict != Deviated || r.Deviation < 280 {
		t.Fatalf("p95 290 ms slower: %+v", r)
	}
}

func TestOverall(t *testing.T) {
	l := func(v string) LineResult { return LineResult{Verdict: v} }
	for _, c := range []struct {
		lines []LineResult
		want  string
	}{
		{[]LineResult{l(Held), l(Held)}, Held},
		{[]LineResult{l(Held), l(Inconclusive)}, Inconclusive},
		{[]LineResult{l(Inconclusive), l(Deviated)}, Deviated},
	} {
		if got := overall(c.lines); got != c.want {
			t.Errorf("overall(%v) = %s, want %s", c.lines, got, c.want)
		}
	}
}
