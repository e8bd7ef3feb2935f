package gateway

import (
	"net"
	"time"

	"github.com/jubako/jubako/platform/config"
)

// Config is the http section.
type Config struct {
	Addr string `config:"addr"`
	// ShutdownTimeout bounds how long SIGTERM waits for in-flight requests.
	ShutdownTimeout time.Duration `config:"shutdown_timeout"`
	ReadTimeout     time.Duration `config:"read_timeout"`
	WriteTimeout    time.Duration `config:"write_timeout"`
	// HandlerTimeout is the deadline of a request's context: the bus calls
	// and queries a handler still runs then are cancelled.
	HandlerTimeout time.Duration `config:"handler_timeout"`
	// BodyLimit is the largest request body accepted, in bytes.
	BodyLimit int `config:"body_limit"`
	// ProxyHeader names the header in which a reverse proxy in front puts
	// the client's address (X-Real-IP, say); empty: the peer's address.
	ProxyHeader string `config:"proxy_header"`
	// TrustedProxies are the addresses (IPs or CIDRs) whose ProxyHeader and
	// X-Forwarded-Proto are believed; required with ProxyHeader.
	TrustedProxies []string `config:"trusted_proxies"`

	RateLimit RateLimitConfig `config:"rate_limit"`
	Cache     CacheConfig     `config:"cache"`
	CORS      CORSConfig      `config:"cors"`
	Security  SecurityConfig  `config:"security"`
}

// Defaults serves on :8080.
func Defaults() Config {
	return Config{
		Addr: ":8080", ShutdownTimeout: 20 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second,
		HandlerTimeout: 25 * time.Second, BodyLimit: 1 << 20,
		RateLimit: defaultRateLimit(), Cache: defaultCache(), CORS: defaultCORS(),
	}
}

// Validate checks the section.
func (c Config) Validate() error {
	for _, d := range []struct {
		key string
		d   time.Duration
	}{{"shutdown_timeout", c.ShutdownTimeout}, {"read_timeout", c.ReadTimeout}, {"write_timeout", c.WriteTimeout}, {"handler_timeout", c.HandlerTimeout}} {
		if d.d <= 0 {
			return config.Invalid(d.key, d.d, "must be positive")
		}
	}
	switch {
	case c.Addr == "":
		return config.Invalid("addr", c.Addr, "must be host:port or :port")
	case c.BodyLimit < 1024:
		return config.Invalid("body_limit", c.BodyLimit, "must be at least 1024 bytes")
	case c.ProxyHeader != "" && len(c.TrustedProxies) == 0:
		return config.Invalid("trusted_proxies", "", "is required with http.proxy_header: anybody else could pick their own address")
	}
	for _, p := range c.TrustedProxies {
		if net.ParseIP(p) == nil {
			if _, _, err := net.ParseCIDR(p); err != nil {
				return config.Invalid("trusted_proxies", p, "must be IP addresses or CIDR ranges")
			}
		}
	}
	return nil
}
