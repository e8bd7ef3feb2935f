package app

import (
	"context"
	"time"

	"github.com/hibiken/asynq"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/jubako/jubako/platform/broker"
	"github.com/jubako/jubako/platform/db"
)

// stateCollector reads, at each scrape, what only the database and Redis
// know: the outbox backlog and its age, asynq's queues, sagas by status.
type stateCollector struct {
	db     *db.DB
	broker *broker.Broker

	backlog, lag, queues, sagas, stuck *prometheus.Desc
}

func newStateCollector(d *db.DB, b *broker.Broker) *stateCollector {
	return &stateCollector{
		db: d, broker: b,
		backlog: prometheus.NewDesc("jubako_outbox_backlog", "Messages written to the outbox and not yet dispatched.", nil, nil),
		lag:     prometheus.NewDesc("jubako_outbox_dispatch_lag_seconds", "Age of the oldest undispatched outbox message.", nil, nil),
		queues:  prometheus.NewDesc("jubako_asynq_queue_tasks", "Tasks in each asynq queue by state.", []string{"queue", "state"}, nil),
		sagas:   prometheus.NewDesc("jubako_sagas", "Sagas by type and status.", []string{"name", "status"}, nil),
		stuck:   prometheus.NewDesc("jubako_sagas_stuck", "Sagas that cannot move on their own, by type.", []string{"name"}, nil),
	}
}

func (s *stateCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{s.backlog, s.lag, s.queues, s.sagas, s.stuck} {
		ch <- d
	}
}

func (s *stateCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	var outbox struct {
		Backlog int64
		Oldest  *time.Time
	}
	if s.db.WithContext(ctx).Raw(`SELECT COUNT(*) AS backlog, MIN(created_at) AS oldest FROM jubako_outbox WHERE dispatched_at IS NULL`).Scan(&outbox).Error == nil {
		ch <- prometheus.MustNewConstMetric(s.backlog, prometheus.GaugeValue, float64(outbox.Backlog))
		lag := 0.0
		if outbox.Oldest != nil {
			lag = time.Since(*outbox.Oldest).Seconds()
		}
		ch <- prometheus.MustNewConstMetric(s.lag, prometheus.GaugeValue, lag)
	}
	s.collectQueues(ch)
	var sagas []struct {
		Name, Status string
		Stuck        bool
		N            int64
	}
	if s.db.WithContext(ctx).Raw(`SELECT name, status, stuck, COUNT(*) AS n FROM jubako_sagas GROUP BY name, status, stuck`).Scan(&sagas).Error == nil {
		byStatus, stuck := map[[2]string]int64{}, map[string]int64{}
		for _, r := range sagas {
			byStatus[[2]string{r.Name, r.Status}] += r.N
			if r.Stuck {
				stuck[r.Name] += r.N
			}
		}
		for k, n := range byStatus {
			ch <- prometheus.MustNewConstMetric(s.sagas, prometheus.GaugeValue, float64(n), k[0], k[1])
		}
		for name, n := range stuck {
			ch <- prometheus.MustNewConstMetric(s.stuck, prometheus.GaugeValue, float64(n), name)
		}
	}
}

func (s *stateCollector) collectQueues(ch chan<- prometheus.Metric) {
	queues, err := s.broker.Inspector.Queues()
	if err != nil {
		return
	}
	for _, q := range queues {
		info, err := s.broker.Inspector.GetQueueInfo(q)
		if err != nil {
			continue
		}
		for state, n := range map[string]int{
			asynq.TaskStatePending.String(): info.Pending, asynq.TaskStateActive.String(): info.Active,
			asynq.TaskStateScheduled.String(): info.Scheduled, asynq.TaskStateRetry.String(): info.Retry,
			asynq.TaskStateArchived.String(): info.Archived, asynq.TaskStateCompleted.String(): info.Completed,
		} {
			ch <- prometheus.MustNewConstMetric(s.queues, prometheus.GaugeValue, float64(n), q, state)
		}
	}
}
