package loadgen

import (
	"fmt"
	"strings"
	"time"
)

// Geometry of a chart, in SVG units.
const (
	chartWidth  = 1000.0
	chartHeight = 180.0
	chartLeft   = 80.0
	chartBottom = 22.0
)

// chart is one series of a run drawn as a line over its seconds, with the
// seconds that had failed tasks marked.
type chart struct {
	ID, Title, Unit string
	Width, Height   float64
	Left, Bottom    float64
	Line            string
	Failed          []float64
	Top, End        string
}

// newChart draws value over the samples, on a time axis as long as the
// run's duration.
func newChart(id, title, unit string, samples []Sample, duration time.Duration, value func(Sample) float64) chart {
	c := chart{ID: id, Title: title, Unit: unit, Width: chartWidth, Height: chartHeight, Left: chartLeft, Bottom: chartBottom,
		End: duration.String()}
	top := 1.0
	for _, s := range samples {
		top = max(top, value(s))
	}
	top = niceCeiling(top)
	c.Top = fmt.Sprintf("%g", top)
	plotW, plotH := chartWidth-chartLeft, chartHeight-chartBottom
	points := make([]string, 0, len(samples))
	for _, s := range samples {
		x := chartLeft + plotW*min(1, s.At.Seconds()/duration.Seconds())
		y := plotH - plotH*value(s)/top
		points = append(points, fmt.Sprintf("%.1f,%.1f", x, y))
		if s.Errors > 0 {
			c.Failed = append(c.Failed, x)
		}
	}
	c.Line = strings.Join(points, " ")
	return c
}

// niceCeiling rounds f up to 1, 2 or 5 times a power of ten.
func niceCeiling(f float64) float64 {
	step := 1.0
	for step*10 <= f {
		step *= 10
	}
	for _, m := range []float64{1, 2, 5, 10} {
		if f <= m*step {
			return m * step
		}
	}
	return 10 * step
}

// Base is the y of the time axis.
func (c chart) Base() float64 { return c.Height - c.Bottom }
