package saga

import (
	"time"

	"github.com/jubako/jubako/platform/config"
)

// Config is the saga section.
type Config struct {
	// MaxAttempts is how often a step is tried before it counts as failed
	// (before the pivot) or the saga shows as stuck (after it, and for
	// compensations, which go on being retried).
	MaxAttempts int           `config:"max_attempts"`
	RetryBase   time.Duration `config:"retry_base"`
	RetryMax    time.Duration `config:"retry_max"`
	StepTimeout time.Duration `config:"step_timeout"`
	// Deadline is the default time a saga may take to reach its pivot.
	Deadline time.Duration `config:"deadline"`
}

// Defaults suit the shop's checkout.
func Defaults() Config {
	return Config{MaxAttempts: 5, RetryBase: time.Second, RetryMax: time.Minute, StepTimeout: 10 * time.Second, Deadline: 5 * time.Minute}
}

// Validate checks the section.
func (c Config) Validate() error {
	switch {
	case c.MaxAttempts < 1:
		return config.Invalid("max_attempts", c.MaxAttempts, "must be at least 1")
	case c.RetryBase <= 0:
		return config.Invalid("retry_base", c.RetryBase, "must be positive")
	case c.RetryMax < c.RetryBase:
		return config.Invalid("retry_max", c.RetryMax, "must be at least saga.retry_base (%s)", c.RetryBase)
	case c.StepTimeout <= 0:
		return config.Invalid("step_timeout", c.StepTimeout, "must be positive")
	case c.Deadline <= 0:
		return config.Invalid("deadline", c.Deadline, "must be positive")
	}
	return nil
}

// backoff is the delay before attempt n+1: exponential, capped.
func (c Config) backoff(attempt int) time.Duration {
	d := c.RetryBase
	for i := 1; i < attempt && d < c.RetryMax; i++ {
		d *= 2
	}
	return min(d, c.RetryMax)
}
