package outbox

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime/debug"
	"sync"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/db"
)

// localBacklog bounds the deliveries waiting for a local worker; past it,
// deliveries are handed to asynq instead of waiting in memory.
const localBacklog = 4096

// localJob is one delivery this process runs in memory after its commit.
type localJob struct {
	msg    messageRow
	queue  string
	queued time.Time
}

func (j localJob) taskID() string { return taskID(j.msg.ID, j.queue) }

// outboxes maps each database to the outbox running on it, so that Write,
// which the bus calls with a bare transaction, finds the process it runs in.
var outboxes sync.Map

// running returns the outbox started on d, or nil.
func running(d *db.DB) *Outbox {
	if d == nil {
		return nil
	}
	o, _ := outboxes.Load(d)
	out, _ := o.(*Outbox)
	return out
}

// fastPath lists the queues of m this process serves and can run in
// memory — m is due now and o runs (a nil o serves nothing) — and reports
// whether they are all of m's queues: a command to a queue served here, or
// an event no other process subscribes to, as far as the registry said
// within subscriberTTL.
func (o *Outbox) fastPath(m messageRow) (local []string, all bool) {
	if o == nil || m.AvailableAt.After(m.CreatedAt) {
		return nil, false
	}
	if m.Queue != "" {
		if o.serves[m.Queue] {
			return []string{m.Queue}, true
		}
		return nil, false
	}
	local = o.subscribed[m.Topic]
	return local, o.subs.onlyLocal(m.Topic, len(local))
}

// takeLocally records the local deliveries of m in tx, owned by this
// process, and queues them for the local workers once tx commits.
func (o *Outbox) takeLocally(tx *gorm.DB, m messageRow, queues []string) error {
	rows := make([]deliveryRow, len(queues))
	jobs := make([]localJob, len(queues))
	for i, q := range queues {
		rows[i] = deliveryRow{MessageID: m.ID, Queue: q, DispatchedAt: m.CreatedAt, Owner: o.id}
		jobs[i] = localJob{msg: m, queue: q}
	}
	if err := tx.Create(&rows).Error; err != nil {
		return err
	}
	db.AfterCommit(tx, func() {
		now := time.Now()
		for i := range jobs {
			jobs[i].queued = now
		}
		o.queueLocal(jobs)
	})
	return nil
}

// queueLocal hands jobs to the local workers, or to asynq when the backlog
// is full or the outbox stopping.
func (o *Outbox) queueLocal(jobs []localJob) {
	o.localMu.RLock()
	defer o.localMu.RUnlock()
	for _, j := range jobs {
		o.held.Store(j.taskID(), struct{}{})
		if !o.localStopped {
			select {
			case o.jobs <- j:
				continue
			default:
			}
		}
		go o.handover(j, 0)
	}
}

// localWorker runs local jobs until ctx ends.
func (o *Outbox) localWorker(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case j := <-o.jobs:
			o.runLocal(j)
		}
	}
}

// runLocal delivers j in process. A failure hands it to asynq, which
// retries it with backoff or dead-letters it, as for any delivery.
func (o *Outbox) runLocal(j localJob) {
	defer o.held.Delete(j.taskID())
	ctx, cancel := context.WithTimeout(context.Background(), o.cfg.TaskTimeout)
	defer cancel()
	var headers map[string]string
	if err := json.Unmarshal([]byte(j.msg.Headers), &headers); err != nil || headers == nil {
		headers = map[string]string{}
	}
	// The dispatch span covers the wait in memory, from commit to worker.
	ctx, span := dispatchSpan(ctx, &j.msg, j.queue, headers, trace.WithTimestamp(j.queued),
		trace.WithAttributes(attribute.Bool("jubako.local", true)))
	span.End()
	// As for a delivery through asynq (process): the handler continues the
	// message's trace and keeps its baggage (a request's chaos cohort).
	ctx = otel.GetTextMapPropagator().Extract(ctx, propagation.MapCarrier(headers))
	d := &bus.Delivery{MessageID: j.msg.ID, Topic: j.msg.Topic, Queue: j.queue, Payload: []byte(j.msg.Payload), Headers: headers, Attempt: 1}
	in := o.inboxFor(d)
	if err := o.deliverLocal(ctx, d); err != nil {
		o.log.WarnContext(ctx, "delivery failed", "module", j.queue, "topic", j.msg.Topic,
			"message_id", j.msg.ID, "attempt", 1, "max_retry", o.cfg.MaxRetry, "error", err)
		o.handover(j, o.retryDelay(0, err, nil))
		return
	}
	o.counted(j.queue, true)
	if !in.completed {
		o.completer.add(d.MessageID, d.Queue)
	}
}

// deliverLocal runs d's handler, turning a panic into an error: asynq
// recovers its handlers' panics, and a local delivery must fail the same
// way, not take the process down.
func (o *Outbox) deliverLocal(ctx context.Context, d *bus.Delivery) (err error) {
	defer func() {
		if r := recover(); r != nil {
			o.log.ErrorContext(ctx, "delivery handler panicked", "queue", d.Queue, "topic", d.Topic,
				"message_id", d.MessageID, "panic", r, "stack", string(debug.Stack()))
			err = fmt.Errorf("outbox: the handler of %s panicked: %v", d.Topic, r)
		}
	}()
	return o.disp.Deliver(ctx, d)
}

// handover sends a local delivery to asynq after delay, and records that
// asynq carries it now. Should that fail, the sweeper sends it once this
// process is gone or the delivery is older than its grace.
func (o *Outbox) handover(j localJob, delay time.Duration) {
	defer o.held.Delete(j.taskID())
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	m := j.msg
	m.AvailableAt = time.Now().Add(delay)
	if err := o.enqueue(ctx, &m, j.queue, taskID(m.ID, j.queue)); err != nil {
		o.log.Error("hand a delivery to asynq", "message_id", m.ID, "queue", j.queue, "error", err)
		return
	}
	err := o.db.WithContext(ctx).Model(&deliveryRow{}).Where("message_id = ? AND queue = ?", m.ID, j.queue).Update("owner", "").Error
	if err != nil {
		o.log.Error("record a delivery handed to asynq", "message_id", m.ID, "queue", j.queue, "error", err)
	}
}

// stopLocal refuses new local jobs and hands the waiting ones to asynq, so
// that other processes run them.
func (o *Outbox) stopLocal() {
	o.localMu.Lock()
	o.localStopped = true
	o.localMu.Unlock()
	for {
		select {
		case j := <-o.jobs:
			o.handover(j, 0)
		default:
			return
		}
	}
}
