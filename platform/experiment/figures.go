package experiment

import (
	"slices"
	"strconv"
	"strings"
)

// counts are a cohort's counters by hash field.
type counts map[string]int64

// Figure is one metric of one cohort.
type Figure struct {
	// Value is the metric: a share 0–1, or milliseconds for route_p95_ms.
	// It is 0 when Sample is 0.
	Value float64 `json:"value"`
	// Sample is how many measurements Value stands on: requests to the
	// route, sagas ended, checkout attempts.
	Sample int64 `json:"sample"`
}

// figure measures what line asks of c. final counts the checkouts whose
// saga has not ended as failed; while a run goes on they are left out.
func (c counts) figure(metric, route, sagaName string, final bool) Figure {
	if sagaName == "" {
		sagaName = anySaga
	}
	switch metric {
	case MetricRouteErrors:
		return ratio(c[fieldFailed(route)], c[fieldRequests(route)])
	case MetricRouteP95:
		return Figure{Value: c.percentile(route, 0.95), Sample: c[fieldRequests(route)]}
	case MetricSagaCompletion:
		return ratio(c[fieldSagaCompleted(sagaName)], c[fieldSagaEnded(sagaName)])
	case MetricCheckoutSuccess:
		attempts := c[fieldOK(route)] + c[fieldFailed(route)]
		if !final {
			// Only the attempts settled so far: failed at once, or whose
			// saga ended.
			attempts = min(attempts, c[fieldFailed(route)]+c[fieldSagaEnded(sagaName)])
		}
		return ratio(min(c[fieldSagaCompleted(sagaName)], attempts), attempts)
	}
	return Figure{}
}

func ratio(n, of int64) Figure {
	if of == 0 {
		return Figure{}
	}
	return Figure{Value: float64(n) / float64(of), Sample: of}
}

// percentile reads route's latency buckets: the upper bound, in ms, of the
// bucket holding the q-th request.
func (c counts) percentile(route string, q float64) float64 {
	prefix := "http|" + route + "|ms|"
	type bucket struct {
		b int
		n int64
	}
	var buckets []bucket
	var total int64
	for k, n := range c {
		if rest, ok := strings.CutPrefix(k, prefix); ok {
			if b, err := strconv.Atoi(rest); err == nil && n > 0 {
				buckets = append(buckets, bucket{b, n})
				total += n
			}
		}
	}
	if total == 0 {
		return 0
	}
	slices.SortFunc(buckets, func(x, y bucket) int { return x.b - y.b })
	rank := int64(q*float64(total) + 0.9999999)
	var seen int64
	for _, b := range buckets {
		seen += b.n
		if seen >= rank {
			return round(bucketUpper(b.b), 1)
		}
	}
	return round(bucketUpper(buckets[len(buckets)-1].b), 1)
}

// pending is how many checkout attempts at route wait for their saga.
func (c counts) pending(route, sagaName string) int64 {
	if sagaName == "" {
		sagaName = anySaga
	}
	return max(0, c[fieldOK(route)]-c[fieldSagaEnded(sagaName)])
}
