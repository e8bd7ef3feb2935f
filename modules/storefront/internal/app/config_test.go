package app_test

import (
	"errors"
	"testing"
	"time"

	"github.com/jubako/jubako/modules/storefront/internal/app"
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
		{"no time for optional parts", func(c *app.Config) { c.OptionalTimeout = 0 }, "optional_timeout"},
		{"a minute for optional parts", func(c *app.Config) { c.OptionalTimeout = time.Minute }, "optional_timeout"},
		{"not a currency code", func(c *app.Config) { c.DefaultCurrency = "EURO" }, "default_currency"},
		{"a code in lower case", func(c *app.Config) { c.DefaultCurrency = "eur" }, "default_currency"},
		{"more recommendations than there are", func(c *app.Config) { c.Recommendations = 6 }, "recommendations"},
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
