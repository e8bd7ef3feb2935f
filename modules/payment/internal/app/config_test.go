package app_test

import (
	"errors"
	"testing"
	"time"

	"github.com/jubako/jubako/modules/payment/internal/app"
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
		{"zero hold ttl", func(c *app.Config) { c.HoldTTL = 0 }, "hold_ttl"},
		{"negative sweep interval", func(c *app.Config) { c.HoldSweepInterval = -time.Second }, "hold_sweep_interval"},
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
