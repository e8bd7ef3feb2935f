package app

import (
	"time"

	"github.com/jubako/jubako/platform/config"
)

// Config is the inventory section of the configuration.
type Config struct {
	// InitialStock is what a product starts with on hand before anyone
	// sets its stock.
	InitialStock int64 `config:"initial_stock"`
	// ReservationTTL is how long a reservation holds stock unless committed.
	ReservationTTL time.Duration `config:"reservation_ttl"`
	// ExpiryInterval is how often expired reservations are released.
	ExpiryInterval time.Duration `config:"expiry_interval"`
}

// Defaults: 1000 units per product, reservations held for 15 minutes,
// checked every 30 seconds.
func Defaults() Config {
	return Config{InitialStock: 1000, ReservationTTL: 15 * time.Minute, ExpiryInterval: 30 * time.Second}
}

// Validate checks the section.
func (c Config) Validate() error {
	switch {
	case c.InitialStock < 0 || c.InitialStock > MaxOnHand:
		return config.Invalid("initial_stock", c.InitialStock, "must be between 0 and %d", MaxOnHand)
	case c.ReservationTTL <= 0:
		return config.Invalid("reservation_ttl", c.ReservationTTL, "must be positive")
	case c.ExpiryInterval <= 0:
		return config.Invalid("expiry_interval", c.ExpiryInterval, "must be positive")
	}
	return nil
}
