package experiment

import (
	"context"
	"log/slog"
	"math"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/jubako/jubako/platform/saga"
)

// Redis keys. Every process of a topology shares the broker's Redis, so
// a saga that ends in another process counts for the run that split the
// request which started it.
const (
	keyPrefix  = "jubako:experiment:"
	keepCounts = 30 * 24 * time.Hour
)

func countsKey(run, cohort string) string { return keyPrefix + "counts:" + run + ":" + cohort }

// Hash fields of a cohort's counts.
func fieldRequests(route string) string       { return "http|" + route + "|n" }
func fieldOK(route string) string             { return "http|" + route + "|2xx" }
func fieldFailed(route string) string         { return "http|" + route + "|5xx" }
func fieldLatency(route string, b int) string { return "http|" + route + "|ms|" + strconv.Itoa(b) }
func fieldSagaEnded(saga string) string       { return "saga|" + saga + "|ended" }
func fieldSagaCompleted(saga string) string   { return "saga|" + saga + "|completed" }

// anySaga stands for every saga in the saga fields.
const anySaga = "*"

// Latency buckets grow by bucketGrowth: bucket b holds latencies up to
// bucketGrowth^b ms (bucket 0: up to 1 ms), so a percentile read from
// them is at most 5 % high.
const bucketGrowth = 1.05

func bucketOf(d time.Duration) int {
	ms := float64(d) / float64(time.Millisecond)
	if ms <= 1 {
		return 0
	}
	return int(math.Ceil(math.Log(ms) / math.Log(bucketGrowth)))
}

func bucketUpper(b int) float64 { return math.Pow(bucketGrowth, float64(b)) }

// Recorder counts what the cohorts of a run see, in Redis.
type Recorder struct {
	rdb redis.UniversalClient
	log *slog.Logger
}

// NewRecorder counts in rdb.
func NewRecorder(rdb redis.UniversalClient, log *slog.Logger) *Recorder {
	return &Recorder{rdb: rdb, log: log.With("component", "experiment")}
}

// Request counts one answer of route ("METHOD /pattern") for a cohort.
// 5xx answers are failures; 2xx and 3xx (a form's redirect) are accepted;
// 4xx are the client's or business answers (a refused form, a rate limit)
// and count only as requests.
func (r *Recorder) Request(ctx context.Context, run, cohort, route string, status int, took time.Duration) {
	key := countsKey(run, cohort)
	p := r.rdb.Pipeline()
	p.HIncrBy(ctx, key, fieldRequests(route), 1)
	switch {
	case status >= 500:
		p.HIncrBy(ctx, key, fieldFailed(route), 1)
	case status >= 200 && status < 400:
		p.HIncrBy(ctx, key, fieldOK(route), 1)
	}
	p.HIncrBy(ctx, key, fieldLatency(route, bucketOf(took)), 1)
	p.Expire(ctx, key, keepCounts)
	r.exec(ctx, p)
}

// SagaEnded counts a saga ended in the run and cohort ctx carries; it does
// nothing outside a run. It is the saga engine's end hook.
func (r *Recorder) SagaEnded(ctx context.Context, name, status string) {
	run, cohort := RunOf(ctx)
	if run == "" {
		return
	}
	key := countsKey(run, cohort)
	p := r.rdb.Pipeline()
	for _, s := range []string{name, anySaga} {
		p.HIncrBy(ctx, key, fieldSagaEnded(s), 1)
		if status == saga.StatusCompleted {
			p.HIncrBy(ctx, key, fieldSagaCompleted(s), 1)
		}
	}
	p.Expire(ctx, key, keepCounts)
	r.exec(ctx, p)
}

// exec runs p on its own deadline: a measurement never fails the request
// or the saga it measures, and never holds it up for long.
func (r *Recorder) exec(ctx context.Context, p redis.Pipeliner) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
	defer cancel()
	if _, err := p.Exec(ctx); err != nil {
		r.log.Warn("experiment: count lost", "error", err)
	}
}

// counts reads a cohort's counts.
func (r *Recorder) counts(ctx context.Context, run, cohort string) (counts, error) {
	m, err := r.rdb.HGetAll(ctx, countsKey(run, cohort)).Result()
	if err != nil {
		return nil, err
	}
	c := make(counts, len(m))
	for k, v := range m {
		n, _ := strconv.ParseInt(v, 10, 64)
		c[k] = n
	}
	return c, nil
}
