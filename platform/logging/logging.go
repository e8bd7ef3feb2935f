// Package logging builds the process's slog logger from the log section.
package logging

import (
	"io"
	"log/slog"
	"strings"

	"github.com/jubako/jubako/platform/config"
)

// Config is the log section.
type Config struct {
	Level  string `config:"level"`
	Format string `config:"format"`
}

// Defaults logs info and above as text.
func Defaults() Config { return Config{Level: "info", Format: "text"} }

// Validate checks the section.
func (c Config) Validate() error {
	if _, err := c.level(); err != nil {
		return config.Invalid("level", c.Level, "must be debug, info, warn or error")
	}
	if c.Format != "text" && c.Format != "json" {
		return config.Invalid("format", c.Format, "must be text or json")
	}
	return nil
}

func (c Config) level() (slog.Level, error) {
	var l slog.Level
	err := l.UnmarshalText([]byte(strings.ToUpper(c.Level)))
	return l, err
}

// New returns a logger writing to w.
func New(c Config, w io.Writer) *slog.Logger {
	level, _ := c.level()
	opts := &slog.HandlerOptions{Level: level}
	if c.Format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
