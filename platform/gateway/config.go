package gateway

import (
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
	// BodyLimit is the largest request body accepted, in bytes.
	BodyLimit int `config:"body_limit"`
}

// Defaults serves on :8080.
func Defaults() Config {
	return Config{Addr: ":8080", ShutdownTimeout: 20 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second, BodyLimit: 1 << 20}
}

// Validate checks the section.
func (c Config) Validate() error {
	switch {
	case c.Addr == "":
		return config.Invalid("addr", c.Addr, "must be host:port or :port")
	case c.ShutdownTimeout <= 0:
		return config.Invalid("shutdown_timeout", c.ShutdownTimeout, "must be positive")
	case c.ReadTimeout <= 0:
		return config.Invalid("read_timeout", c.ReadTimeout, "must be positive")
	case c.WriteTimeout <= 0:
		return config.Invalid("write_timeout", c.WriteTimeout, "must be positive")
	case c.BodyLimit < 1024:
		return config.Invalid("body_limit", c.BodyLimit, "must be at least 1024 bytes")
	}
	return nil
}
