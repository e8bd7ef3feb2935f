// Package app holds the orders module's use cases: placing an order (the
// checkout saga) and reading orders.
package app

import (
	"time"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/platform/config"
)

// Config is the orders section.
type Config struct {
	// CheckoutDeadline bounds how long a checkout may take to reach the
	// point of no return before it is compensated.
	CheckoutDeadline time.Duration `config:"checkout_deadline"`
	// StepTimeout bounds one attempt of one checkout step.
	StepTimeout time.Duration `config:"step_timeout"`
	// CheckoutMode is how new orders are checked out: orchestration (the
	// checkout saga calls each participant) or choreography (each
	// participant reacts to the previous one's event). Each order records
	// its mode, so a change never disturbs orders in flight.
	CheckoutMode string `config:"checkout_mode"`
}

// Defaults gives a checkout two minutes, orchestrated.
func Defaults() Config {
	return Config{CheckoutDeadline: 2 * time.Minute, StepTimeout: 10 * time.Second, CheckoutMode: orders.ModeOrchestration}
}

// Validate checks the section.
func (c Config) Validate() error {
	if c.CheckoutDeadline <= 0 {
		return config.Invalid("checkout_deadline", c.CheckoutDeadline, "must be positive")
	}
	if c.StepTimeout <= 0 {
		return config.Invalid("step_timeout", c.StepTimeout, "must be positive")
	}
	if c.CheckoutMode != orders.ModeOrchestration && c.CheckoutMode != orders.ModeChoreography {
		return config.Invalid("checkout_mode", c.CheckoutMode, "must be orchestration or choreography")
	}
	return nil
}
