package telemetry

import "github.com/jubako/jubako/platform/config"

// Config is the telemetry section.
type Config struct {
	// Sampling is the share of new traces recorded, 0 to 1; a request that
	// arrives with a sampled traceparent is always recorded.
	Sampling float64 `config:"sampling"`
	// Ring is how many recent traces the in-memory store keeps for the console.
	Ring int `config:"ring"`
	// Service names this process in spans (default: the modules it runs).
	Service string     `config:"service"`
	OTLP    OTLPConfig `config:"otlp"`
}

// OTLPConfig exports spans over OTLP/HTTP when Endpoint is set.
type OTLPConfig struct {
	// Endpoint is a URL such as http://127.0.0.1:4318/v1/traces.
	Endpoint string `config:"endpoint"`
}

// Defaults record every trace and keep the last thousand in memory.
func Defaults() Config { return Config{Sampling: 1, Ring: 1000} }

// Validate checks the section.
func (c Config) Validate() error {
	switch {
	case !(c.Sampling >= 0 && c.Sampling <= 1): // NaN too
		return config.Invalid("sampling", c.Sampling, "must be between 0 and 1")
	case c.Ring < 10 || c.Ring > 100000:
		return config.Invalid("ring", c.Ring, "must be between 10 and 100000")
	}
	return nil
}
