package outbox

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/hibiken/asynq"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/baggage"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
	"golang.org/x/sync/errgroup"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/jubako/jubako/platform/db"
)

const headerMessageID = "jubako-message-id"

// enqueueParallelism bounds concurrent enqueues within one batch.
const enqueueParallelism = 16

func (o *Outbox) relayLoop(ctx context.Context) {
	poll := time.NewTicker(o.cfg.PollInterval)
	defer poll.Stop()
	failures := 0
	for {
		n, err := o.RelayOnce(ctx)
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			failures++
			if failures == 1 || failures%100 == 0 {
				o.log.Error("relay failed; retrying", "error", err, "failures", failures)
			}
			sleep(ctx, min(time.Duration(failures)*100*time.Millisecond, 5*time.Second))
			continue
		case n == o.cfg.BatchSize:
			failures = 0
			continue
		}
		failures = 0
		select {
		case <-ctx.Done():
			return
		case <-o.db.Committed():
		case <-poll.C:
		}
	}
}

// RelayOnce dispatches one batch of undispatched messages and returns how
// many it took. On PostgreSQL the batch is claimed with FOR UPDATE SKIP LOCKED,
// so relays of several processes share the work.
func (o *Outbox) RelayOnce(ctx context.Context) (int, error) {
	if o.db.Driver == db.Postgres {
		n := 0
		err := o.db.Transact(ctx, func(tx *gorm.DB) error {
			if err := relaxDurability(tx); err != nil {
				return err
			}
			var err error
			n, err = o.relayBatch(ctx, tx, tx.Clauses(clause.Locking{Strength: "UPDATE", Options: "SKIP LOCKED"}))
			return err
		})
		return n, err
	}
	// SQLite has one writer per file: read and enqueue outside a
	// transaction, so the write lock is held only to record the dispatch.
	return o.relayBatch(ctx, nil, o.db.WithContext(ctx))
}

func (o *Outbox) relayBatch(ctx context.Context, tx, query *gorm.DB) (int, error) {
	var rows []messageRow
	if err := query.Where("dispatched_at IS NULL").Order("created_at, id").Limit(o.cfg.BatchSize).Find(&rows).Error; err != nil {
		return 0, err
	}
	if len(rows) == 0 {
		return 0, nil
	}
	deliveries, err := o.enqueueAll(ctx, rows)
	if err != nil {
		return 0, err
	}
	record := func(tx *gorm.DB) error { return o.recordDispatch(tx, rows, deliveries) }
	if tx != nil {
		return len(rows), record(tx)
	}
	return len(rows), o.db.Transact(ctx, record)
}

func (o *Outbox) enqueueAll(ctx context.Context, rows []messageRow) ([]deliveryRow, error) {
	taken, err := o.takenLocally(ctx, rows)
	if err != nil {
		return nil, err
	}
	var jobs []deliveryRow
	for _, r := range rows {
		queues := []string{r.Queue}
		if r.Queue == "" {
			if queues, err = o.subs.queuesFor(ctx, r.Topic); err != nil {
				return nil, err
			}
		}
		for _, q := range queues {
			if !taken[taskID(r.ID, q)] {
				jobs = append(jobs, deliveryRow{MessageID: r.ID, Queue: q})
			}
		}
	}
	byID := make(map[string]*messageRow, len(rows))
	for i := range rows {
		byID[rows[i].ID] = &rows[i]
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(enqueueParallelism)
	now := db.Now()
	for i := range jobs {
		jobs[i].DispatchedAt = now
		g.Go(func() error { return o.enqueue(gctx, byID[jobs[i].MessageID], jobs[i].Queue, jobs[i].currentTaskID()) })
	}
	return jobs, g.Wait()
}

// takenLocally finds the deliveries of the batch's events that their
// publisher runs in memory (see Write): the relay sends those events to the
// other queues only.
func (o *Outbox) takenLocally(ctx context.Context, rows []messageRow) (map[string]bool, error) {
	var events []string
	for _, r := range rows {
		if r.Queue == "" {
			events = append(events, r.ID)
		}
	}
	taken := map[string]bool{}
	if len(events) == 0 {
		return taken, nil
	}
	var found []deliveryRow
	if err := o.db.WithContext(ctx).Select("message_id", "queue").Where("message_id IN ?", events).Find(&found).Error; err != nil {
		return nil, err
	}
	for _, d := range found {
		taken[taskID(d.MessageID, d.Queue)] = true
	}
	return taken, nil
}

// enqueue sends one task. A TaskID conflict means the task is already there
// (sent before a crash, or completed and retained): that is success.
func (o *Outbox) enqueue(ctx context.Context, m *messageRow, queue, id string) error {
	var headers map[string]string
	if err := json.Unmarshal([]byte(m.Headers), &headers); err != nil || headers == nil {
		headers = map[string]string{}
	}
	headers[headerMessageID] = m.ID
	ctx, span := dispatchSpan(ctx, m, queue, headers)
	defer span.End()
	task := asynq.NewTaskWithHeaders(m.Topic, []byte(m.Payload), headers)
	opts := []asynq.Option{
		asynq.Queue(queue),
		asynq.TaskID(id),
		asynq.MaxRetry(o.cfg.MaxRetry),
		asynq.Retention(o.cfg.Retention),
		asynq.Timeout(o.cfg.TaskTimeout),
	}
	if m.AvailableAt.After(time.Now()) {
		opts = append(opts, asynq.ProcessAt(m.AvailableAt))
	}
	_, err := o.broker.Client.EnqueueContext(ctx, task, opts...)
	if errors.Is(err, asynq.ErrTaskIDConflict) {
		return nil
	}
	if err != nil {
		span.SetStatus(codes.Error, err.Error())
	}
	return err
}

// dispatchSpan continues the publisher's trace (carried in the message's
// headers) with a span for the dispatch to queue, and puts that span's
// context into the headers the task carries on to the subscriber.
func dispatchSpan(ctx context.Context, m *messageRow, queue string, headers map[string]string, opts ...trace.SpanStartOption) (context.Context, trace.Span) {
	carrier := propagation.MapCarrier(headers)
	parent := otel.GetTextMapPropagator().Extract(context.Background(), carrier)
	parentSpan := trace.SpanFromContext(parent)
	// The publisher's baggage (a chaos cohort) comes along with its span.
	ctx = baggage.ContextWithBaggage(trace.ContextWithSpan(ctx, parentSpan), baggage.FromContext(parent))
	opts = append(opts, trace.WithSpanKind(trace.SpanKindProducer),
		trace.WithAttributes(attribute.String("jubako.queue", queue), attribute.String("jubako.message_id", m.ID)))
	ctx, span := otel.Tracer("github.com/jubako/jubako").Start(ctx, "dispatch "+m.Topic, opts...)
	otel.GetTextMapPropagator().Inject(ctx, carrier)
	return ctx, span
}

func (o *Outbox) recordDispatch(tx *gorm.DB, rows []messageRow, deliveries []deliveryRow) error {
	if len(deliveries) > 0 {
		if err := tx.Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(deliveries, 500).Error; err != nil {
			return err
		}
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	return tx.Model(&messageRow{}).Where("id IN ?", ids).Update("dispatched_at", db.Now()).Error
}

// relaxDurability lets a PostgreSQL transaction of the outbox's own
// bookkeeping commit without waiting for its WAL flush. Losing such a commit
// in a server crash only means a message is dispatched or marked again,
// which TaskIDs and the inbox absorb; business data never takes this path.
func relaxDurability(tx *gorm.DB) error {
	if tx.Dialector.Name() != db.Postgres {
		return nil
	}
	return tx.Exec("SET LOCAL synchronous_commit = off").Error
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}
