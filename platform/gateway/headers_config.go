package gateway

import (
	"net/url"
	"strings"
	"time"

	"github.com/jubako/jubako/platform/config"
)

// CORSConfig is the http.cors section: which other origins' pages may call
// the API from a browser. No origins: no CORS headers at all.
type CORSConfig struct {
	// Origins are scheme://host[:port] values, or "*" for any origin.
	Origins []string `config:"origins"`
	// AllowCredentials lets those pages send cookies (the guest session);
	// it cannot go with "*".
	AllowCredentials bool `config:"allow_credentials"`
	// MaxAge is how long browsers may keep a preflight's answer.
	MaxAge time.Duration `config:"max_age"`
}

func defaultCORS() CORSConfig { return CORSConfig{MaxAge: 10 * time.Minute} }

// Validate checks the section.
func (c CORSConfig) Validate() error {
	for _, o := range c.Origins {
		if o == "*" {
			if c.AllowCredentials {
				return config.Invalid("origins", o, "cannot be * with http.cors.allow_credentials: name the origins")
			}
			continue
		}
		if !validOrigin(o) {
			return config.Invalid("origins", o, "must be * or scheme://host[:port], like https://shop.example.com or https://*.example.com")
		}
	}
	if c.MaxAge < 0 {
		return config.Invalid("max_age", c.MaxAge, "must not be negative")
	}
	return nil
}

// validOrigin accepts what the CORS middleware accepts (it panics on the
// rest): an http(s) origin without path, query or fragment, whose host may
// start with "*." for any subdomain.
func validOrigin(o string) bool {
	u, err := url.Parse(o)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" &&
		!strings.Contains(strings.TrimPrefix(u.Host, "*."), "*") &&
		(u.Path == "" || u.Path == "/") && u.RawQuery == "" && u.Fragment == ""
}

// SecurityConfig is the http.security section.
type SecurityConfig struct {
	// HSTSMaxAge, when positive, sends Strict-Transport-Security on
	// responses to HTTPS requests (direct, or through a trusted proxy's
	// X-Forwarded-Proto). 0 sends none.
	HSTSMaxAge time.Duration `config:"hsts_max_age"`
}

// Validate checks the section.
func (c SecurityConfig) Validate() error {
	if c.HSTSMaxAge < 0 {
		return config.Invalid("hsts_max_age", c.HSTSMaxAge, "must not be negative (0 sends no Strict-Transport-Security)")
	}
	return nil
}
