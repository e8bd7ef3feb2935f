// Package outbox delivers messages written in a business transaction to
// every subscriber exactly once in effect:
//
//	tx ──► jubako_outbox row ──commit──► relay ──► one asynq task per subscriber queue
//	                                               (TaskID = message id + queue)
//	subscriber tx ◄── jubako_inbox row (unique per queue and message) ◄── asynq handler
//
// The database is the source of truth and Redis only the carrier: the relay
// is woken by commits (polling is a fallback), a sweeper re-sends tasks that
// Redis lost, and the inbox absorbs every duplicate.
package outbox

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/hibiken/asynq"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"

	"github.com/jubako/jubako/platform/broker"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/shared"
)

// Dispatcher is what the outbox delivers to: the bus, which knows the
// subscriptions of this process and runs their handlers.
type Dispatcher interface {
	Subscriptions() []bus.Binding
	Deliver(ctx context.Context, d *bus.Delivery) error
}

// Outbox runs the relay, the sweeper and the asynq server of one process.
type Outbox struct {
	cfg       Config
	db        *db.DB
	broker    *broker.Broker
	disp      Dispatcher
	log       *slog.Logger
	subs      *subscribers
	server    *asynq.Server
	completer *completer

	// id names this process as the owner of the deliveries it runs in
	// memory; serves and subscribed say which queues and topics it serves.
	id           string
	serves       map[string]bool
	subscribed   map[string][]string
	jobs         chan localJob
	localMu      sync.RWMutex
	localStopped bool
	// held has the task id of every delivery this process holds in memory
	// (waiting for a worker, running, or being handed to asynq), which the
	// sweeper leaves alone however old.
	held   sync.Map
	counts sync.Map
	active activeTasks

	cancel     context.CancelFunc
	stopLocals context.CancelFunc
	wg         sync.WaitGroup
	locals     sync.WaitGroup
}

// New wires an outbox; Start runs it.
func New(cfg Config, d *db.DB, b *broker.Broker, disp Dispatcher, log *slog.Logger) *Outbox {
	log = log.With("component", "outbox")
	return &Outbox{cfg: cfg, db: d, broker: b, disp: disp, log: log, subs: newSubscribers(b, disp), completer: newCompleter(d),
		id: shared.NewID(), jobs: make(chan localJob, localBacklog)}
}

// Start registers this process's subscriptions in Redis and starts the
// relay, the sweeper, the local workers and — when something here
// subscribes — the asynq consumer.
func (o *Outbox) Start(ctx context.Context) error {
	if err := o.subs.register(ctx); err != nil {
		return err
	}
	if err := o.beat(ctx); err != nil {
		return err
	}
	go o.completer.run(func(err error) { o.log.Error("record completions", "error", err) })
	runCtx, cancel := context.WithCancel(context.Background())
	o.cancel = cancel
	o.serves, o.subscribed = map[string]bool{}, map[string][]string{}
	for _, sub := range o.disp.Subscriptions() {
		o.serves[sub.Queue] = true
		o.subscribed[sub.Topic] = append(o.subscribed[sub.Topic], sub.Queue)
	}
	localCtx, stopLocals := context.WithCancel(context.Background())
	o.stopLocals = stopLocals
	for range o.cfg.Concurrency {
		o.locals.Go(func() { o.localWorker(localCtx) })
	}
	outboxes.Store(o.db, o)
	if queues := o.subs.localQueues(); len(queues) > 0 {
		o.server = asynq.NewServerFromRedisClient(o.broker.Redis, o.serverConfig(queues))
		if err := o.server.Start(asynq.HandlerFunc(o.process)); err != nil {
			_ = o.Stop(ctx)
			return err
		}
	}
	started := time.Now()
	for range o.relayWorkers() {
		o.loop(runCtx, o.relayLoop)
	}
	o.loop(runCtx, func(ctx context.Context) { o.sweepLoop(ctx, started) })
	o.loop(runCtx, o.beatLoop)
	if o.broker.Embedded == nil {
		o.loop(runCtx, o.subs.refreshLoop)
	}
	return nil
}

// relayWorkers is how many relay loops run: several on PostgreSQL, where
// SKIP LOCKED hands each its own batch; one on SQLite's single writer.
func (o *Outbox) relayWorkers() int {
	if o.db.Driver == db.Postgres {
		return o.cfg.RelayWorkers
	}
	return 1
}

func (o *Outbox) loop(ctx context.Context, fn func(context.Context)) {
	o.wg.Add(1)
	go func() {
		defer o.wg.Done()
		fn(ctx)
	}()
}

// Stop hands deliveries waiting for a local worker to asynq, lets running
// handlers finish (up to DrainTimeout), then stops the relay and the
// sweeper. Undispatched rows stay for the next start.
func (o *Outbox) Stop(context.Context) error {
	outboxes.CompareAndDelete(o.db, o)
	o.stopLocal()
	o.stopLocals()
	if !waitFor(&o.locals, o.cfg.DrainTimeout) {
		o.log.Warn("local deliveries still running at shutdown; the sweeper of another process, or the next start, sends them again")
	}
	if o.server != nil {
		o.server.Shutdown()
	}
	o.cancel()
	o.wg.Wait()
	o.completer.stop()
	o.unbeat()
	return nil
}

// waitFor waits for wg up to d and reports whether it finished.
func waitFor(wg *sync.WaitGroup, d time.Duration) bool {
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return true
	case <-time.After(d):
		return false
	}
}

func (o *Outbox) serverConfig(queues []string) asynq.Config {
	weights := make(map[string]int, len(queues))
	for _, q := range queues {
		weights[q] = 1
	}
	task, delayed := o.cfg.polling(o.broker.Embedded != nil)
	return asynq.Config{
		Concurrency:              o.cfg.Concurrency,
		Queues:                   weights,
		TaskCheckInterval:        task,
		DelayedTaskCheckInterval: delayed,
		ShutdownTimeout:          o.cfg.DrainTimeout,
		RetryDelayFunc:           o.retryDelay,
		IsFailure:                func(err error) bool { return err != nil },
		ErrorHandler:             asynq.ErrorHandlerFunc(o.logFailure),
		Logger:                   asynqLogger{o.log},
		LogLevel:                 asynq.WarnLevel,
	}
}

// retryDelay is exponential from RetryBase, capped at RetryMax, with up to
// 20% jitter so that a burst of failures does not retry in lockstep.
func (o *Outbox) retryDelay(n int, _ error, _ *asynq.Task) time.Duration {
	d := o.cfg.RetryBase
	for i := 0; i < n && d < o.cfg.RetryMax; i++ {
		d *= 2
	}
	d = min(d, o.cfg.RetryMax)
	return d + time.Duration(float64(d)*0.2*jitter())
}

func (o *Outbox) logFailure(ctx context.Context, t *asynq.Task, err error) {
	queue, _ := asynq.GetQueueName(ctx)
	retried, _ := asynq.GetRetryCount(ctx)
	maxRetry, _ := asynq.GetMaxRetry(ctx)
	ctx = otel.GetTextMapPropagator().Extract(ctx, propagation.MapCarrier(t.Headers()))
	o.log.WarnContext(ctx, "delivery failed", "module", queue, "topic", t.Type(),
		"message_id", t.Headers()[headerMessageID], "attempt", retried+1, "max_retry", maxRetry, "error", err)
}
