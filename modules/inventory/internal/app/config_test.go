package app_test

import (
	"errors"
	"testing"
	"time"

	"github.com/jubako/jubako/modules/inventory/internal/app"
	"github.com/jubako/jubako/platform/config"
)

func TestConfigValidate(t *testing.T) {
	if err := app.Defaults().Validate(); err != nil {
		t.Fatalf("defaults are invalid: %v", err)
	}
	for _, tc := range []struct {
		name string
		edit func(*app.Config)
		key  string
	}{
		{"negative initial stock", func(c *app.Config) { c.InitialStock = -1 }, "initial_stock"},
		{"initial stock above a billion", func(c *app.Config) { c.InitialStock = 1_000_000_001 }, "initial_stock"},
		{"zero ttl", func(c *app.Config) { c.ReservationTTL = 0 }, "reservation_ttl"},
		{"negative interval", func(c *app.Config) { c.ExpiryInterval = -time.Second }, "expiry_interval"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := app.Defaults()
			tc.edit(&c)
			var fe *config.FieldError
			if err := c.Validate(); !errors.As(err, &fe) || fe.Key != tc.key {
				t.Errorf("Validate() = %v, want a FieldError for %q", err, tc.key)
			}
		})
	}
}
