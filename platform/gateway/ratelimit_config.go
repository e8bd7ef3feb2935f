package gateway

import (
	"strings"
	"time"

	"github.com/jubako/jubako/platform/config"
)

// RateLimitConfig is the http.rate_limit section: a budget of requests per
// window for each class of route, per user (or per client address for
// requests without a valid token), shared by every instance through Redis.
type RateLimitConfig struct {
	Enabled bool `config:"enabled"`
	// AuthPaths are the path prefixes whose writes (login, register) are
	// in the strict auth class.
	AuthPaths []string `config:"auth_paths"`
	Auth      Limit    `config:"auth"`
	// Write is POST, PUT, PATCH and DELETE elsewhere; Read the rest.
	Write Limit `config:"write"`
	Read  Limit `config:"read"`
}

// Limit is a budget: at most Requests in any Window.
type Limit struct {
	Requests int           `config:"requests"`
	Window   time.Duration `config:"window"`
}

func defaultRateLimit() RateLimitConfig {
	return RateLimitConfig{
		Enabled:   true,
		AuthPaths: []string{"/api/auth/", "/admin/login", "/login", "/register"},
		Auth:      Limit{Requests: 10, Window: time.Minute},
		Write:     Limit{Requests: 120, Window: time.Minute},
		Read:      Limit{Requests: 600, Window: time.Minute},
	}
}

// Validate checks a budget.
func (l Limit) Validate() error {
	switch {
	case l.Requests < 1:
		return config.Invalid("requests", l.Requests, "must be at least 1")
	case l.Window < time.Second || l.Window > 24*time.Hour:
		return config.Invalid("window", l.Window, "must be between 1s and 24h")
	}
	return nil
}

// Validate checks the section.
func (c RateLimitConfig) Validate() error {
	for _, p := range c.AuthPaths {
		if !strings.HasPrefix(p, "/") {
			return config.Invalid("auth_paths", p, "must be path prefixes starting with /")
		}
	}
	return nil
}
