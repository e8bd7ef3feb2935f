package host

import (
	"context"
	"time"

	"github.com/hibiken/asynq"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/jubako/jubako/platform/broker"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/outbox"
)

// stateCollector reads, at each scrape, what only the database and Redis
// know: the outbox backlog and its age, asynq's queues, sagas by status.
type stateCollector struct {
	db     *db.DB
	outbox *outbox.Outbox
	broker *broker.Broker

	backlog, lag, queues, sagas, stuck, handled, waiting *prometheus.Desc
}

func newStateCollector(d *db.DB, o *outbox.Outbox, b *broker.Broker) *stateCollector {
	return &stateCollector{
		db: d, outbox: o, broker: b,
		backlog: prometheus.NewDesc("jubako_outbox_backlog", "Messages written to the outbox and not yet dispatched.", nil, nil),
		lag:     prometheus.NewDesc("jubako_outbox_dispatch_lag_seconds", "Age of the oldest undispatched outbox message.", nil, nil),
		queues:  prometheus.NewDesc("jubako_asynq_queue_tasks", "Tasks in each asynq queue by state.", []string{"queue", "state"}, nil),
		sagas:   prometheus.NewDesc("jubako_sagas", "Sagas by type and status.", []string{"name", "status"}, nil),
		stuck:   prometheus.NewDesc("jubako_sagas_stuck", "Sagas that cannot move on their own, by type.", []string{"name"}, nil),
		handled: prometheus.NewDesc("jubako_outbox_deliveries_total",
			"Deliveries this process handled, by queue and path: local (in memory after the commit) or asynq.", []string{"queue", "path"}, nil),
		waiting: prometheus.NewDesc("jubako_outbox_local_waiting", "Deliveries waiting in memory for a local worker.", nil, nil),
	}
}

func (s *stateCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{s.backlog, s.lag, s.queues, s.sagas, s.stuck, s.handled, s.waiting} {
		ch <- d
	}
}

func (s *stateCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if backlog, err := s.outbox.Backlog(ctx); err == nil {
		ch <- prometheus.MustNewConstMetric(s.backlog, prometheus.GaugeValue, float64(backlog.Count))
		ch <- prometheus.MustNewConstMetric(s.lag, prometheus.GaugeValue, backlog.Lag(time.Now()).Seconds())
	}
	s.collectQueues(ch)
	for queue, n := range s.outbox.HandledByQueue() {
		ch <- prometheus.MustNewConstMetric(s.handled, prometheus.CounterValue, float64(n.Local), queue, "local")
		ch <- prometheus.MustNewConstMetric(s.handled, prometheus.CounterValue, float64(n.Asynq), queue, "asynq")
	}
	ch <- prometheus.MustNewConstMetric(s.waiting, prometheus.GaugeValue, float64(s.outbox.Waiting()))
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
	queues, err := s.broker.Queues()
	if err != nil {
		return
	}
	for _, info := range queues {
		for state, n := range map[string]int{
			asynq.TaskStatePending.String(): info.Pending, asynq.TaskStateActive.String(): info.Active,
			asynq.TaskStateScheduled.String(): info.Scheduled, asynq.TaskStateRetry.String(): info.Retry,
			asynq.TaskStateArchived.String(): info.Archived, asynq.TaskStateCompleted.String(): info.Completed,
		} {
			ch <- prometheus.MustNewConstMetric(s.queues, prometheus.GaugeValue, float64(n), info.Queue, state)
		}
	}
}
