package outbox

import (
	"cmp"
	"time"

	"github.com/jubako/jubako/platform/config"
)

// Config is the outbox section: relay, delivery and sweeper settings.
type Config struct {
	// PollInterval is the relay's fallback poll; commits wake it at once.
	PollInterval time.Duration `config:"poll_interval"`
	BatchSize    int           `config:"batch_size"`
	// RelayWorkers is the number of concurrent relays on PostgreSQL (SQLite
	// always runs one).
	RelayWorkers int `config:"relay_workers"`
	// MaxRetry is how many times asynq retries a failing delivery before it
	// is dead-lettered (archived).
	MaxRetry  int           `config:"max_retry"`
	RetryBase time.Duration `config:"retry_base"`
	RetryMax  time.Duration `config:"retry_max"`
	// Retention keeps completed tasks in Redis so their TaskID still
	// deduplicates re-sends.
	Retention   time.Duration `config:"retention"`
	TaskTimeout time.Duration `config:"task_timeout"`
	Concurrency int           `config:"concurrency"`
	// TaskCheckInterval and DelayedCheckInterval tune asynq's polling: the
	// first bounds the pick-up latency of what asynq carries (and the CPU
	// an idle process spends polling), the second retry/delay precision.
	// Zero picks them by the broker (see polling).
	TaskCheckInterval    time.Duration `config:"task_check_interval"`
	DelayedCheckInterval time.Duration `config:"delayed_check_interval"`
	// The sweeper re-sends deliveries dispatched more than SweepGrace ago
	// that Redis no longer holds and that never completed, and those of
	// dead processes at once.
	SweepInterval time.Duration `config:"sweep_interval"`
	SweepGrace    time.Duration `config:"sweep_grace"`
	// AliveTTL is how long a process counts as alive after its last
	// heartbeat in Redis (it beats three times per AliveTTL): the in-memory
	// deliveries of a process silent longer are sent again at the next
	// sweep. A killed process's deliveries run again within AliveTTL +
	// SweepInterval; those asynq carried for it within asynq's 10 s and
	// two sweeps.
	AliveTTL time.Duration `config:"alive_ttl"`
	// Keep is how long dispatched rows, finished deliveries and inbox entries
	// stay in the database.
	Keep time.Duration `config:"keep"`
	// DrainTimeout bounds how long shutdown waits for running handlers.
	DrainTimeout time.Duration `config:"drain_timeout"`
}

// Defaults: deliveries this process serves run in memory at once; asynq,
// which carries the rest (other processes' queues, retries, recovery),
// polls an empty queue every 500 ms, so that an idle process costs next to
// nothing.
func Defaults() Config {
	return Config{
		PollInterval:  time.Second,
		BatchSize:     256,
		RelayWorkers:  4,
		MaxRetry:      8,
		RetryBase:     time.Second,
		RetryMax:      5 * time.Minute,
		Retention:     time.Hour,
		TaskTimeout:   time.Minute,
		Concurrency:   32,
		SweepInterval: 5 * time.Second,
		SweepGrace:    time.Minute,
		AliveTTL:      10 * time.Second,
		Keep:          7 * 24 * time.Hour,
		DrainTimeout:  20 * time.Second,
	}
}

// Validate checks the section.
func (c Config) Validate() error {
	positive := []struct {
		key string
		d   time.Duration
	}{
		{"poll_interval", c.PollInterval}, {"retry_base", c.RetryBase}, {"retry_max", c.RetryMax},
		{"retention", c.Retention}, {"task_timeout", c.TaskTimeout}, {"sweep_interval", c.SweepInterval},
		{"sweep_grace", c.SweepGrace}, {"alive_ttl", c.AliveTTL}, {"keep", c.Keep}, {"drain_timeout", c.DrainTimeout},
	}
	for _, p := range positive {
		if p.d <= 0 {
			return config.Invalid(p.key, p.d, "must be positive")
		}
	}
	if c.TaskCheckInterval < 0 {
		return config.Invalid("task_check_interval", c.TaskCheckInterval, "must not be negative (zero picks it by the broker)")
	}
	if c.DelayedCheckInterval < 0 {
		return config.Invalid("delayed_check_interval", c.DelayedCheckInterval, "must not be negative (zero picks it by the broker)")
	}
	switch {
	case c.BatchSize < 1:
		return config.Invalid("batch_size", c.BatchSize, "must be at least 1")
	case c.RelayWorkers < 1:
		return config.Invalid("relay_workers", c.RelayWorkers, "must be at least 1")
	case c.MaxRetry < 0:
		return config.Invalid("max_retry", c.MaxRetry, "must not be negative")
	case c.Concurrency < 1:
		return config.Invalid("concurrency", c.Concurrency, "must be at least 1")
	case c.AliveTTL < time.Second:
		return config.Invalid("alive_ttl", c.AliveTTL, "must be at least 1s (the heartbeat renews it every third)")
	case c.Keep < c.Retention:
		return config.Invalid("keep", c.Keep, "must be at least outbox.retention (%s)", c.Retention)
	}
	return nil
}

// polling returns asynq's task and delayed-task check intervals: those
// configured, and for each left zero 500 ms and 1 s with a Redis server, or
// 2 s each with the embedded one. The embedded Redis serves one process,
// whose deliveries take the fast path: asynq carries only their retries
// there, and each poll of each subscriber's queue runs a Lua script in this
// process.
func (c Config) polling(embedded bool) (task, delayed time.Duration) {
	task, delayed = 500*time.Millisecond, time.Second
	if embedded {
		task, delayed = 2*time.Second, 2*time.Second
	}
	return cmp.Or(c.TaskCheckInterval, task), cmp.Or(c.DelayedCheckInterval, delayed)
}
