package app

import (
	"time"

	"github.com/jubako/jubako/platform/config"
)

// Config is the payment section of the configuration.
type Config struct {
	// HoldTTL is how long a card held for a choreographed checkout
	// (payment.HoldCard) is kept unused before it is deleted.
	HoldTTL time.Duration `config:"hold_ttl"`
	// HoldSweepInterval is how often holds past HoldTTL are deleted.
	HoldSweepInterval time.Duration `config:"hold_sweep_interval"`
}

// Defaults: holds kept 15 minutes, as long as the inventory holds a
// reservation by default, swept every 30 seconds.
func Defaults() Config {
	return Config{HoldTTL: 15 * time.Minute, HoldSweepInterval: 30 * time.Second}
}

// Validate checks the section.
func (c Config) Validate() error {
	switch {
	case c.HoldTTL <= 0:
		return config.Invalid("hold_ttl", c.HoldTTL, "must be positive")
	case c.HoldSweepInterval <= 0:
		return config.Invalid("hold_sweep_interval", c.HoldSweepInterval, "must be positive")
	}
	return nil
}
