package app

import (
	"regexp"
	"time"

	"github.com/jubako/jubako/platform/config"
)

var currencyCode = regexp.MustCompile(`^[A-Z]{3}$`)

// Config is the storefront section of the configuration.
type Config struct {
	// OptionalTimeout bounds each optional part of a page (recommendations,
	// the ad, the cart count): a part not ready by then is left out.
	OptionalTimeout time.Duration `config:"optional_timeout"`
	// DefaultCurrency prices pages for callers who chose none.
	DefaultCurrency string `config:"default_currency"`
	// Recommendations is how many recommended products a page shows at most.
	Recommendations int `config:"recommendations"`
}

// Defaults: 300 ms per optional part, US dollars, four recommendations.
func Defaults() Config {
	return Config{OptionalTimeout: 300 * time.Millisecond, DefaultCurrency: "USD", Recommendations: 4}
}

// Validate checks the section.
func (c Config) Validate() error {
	switch {
	case c.OptionalTimeout <= 0 || c.OptionalTimeout > 10*time.Second:
		return config.Invalid("optional_timeout", c.OptionalTimeout, "must be between 1ms and 10s")
	case !currencyCode.MatchString(c.DefaultCurrency):
		return config.Invalid("default_currency", c.DefaultCurrency, "must be an ISO 4217 code like USD")
	case c.Recommendations < 0 || c.Recommendations > 5:
		return config.Invalid("recommendations", c.Recommendations, "must be between 0 and 5")
	}
	return nil
}
