package gateway

import (
	"strings"
	"time"

	"github.com/jubako/jubako/platform/config"
)

// CacheConfig is the http.cache section: GET responses of the routes listed
// are kept in this process's memory, per full URL, for their TTL or until
// an event named by the route says they changed. Modules declare their
// cacheable routes (AddCacheRoute); WithRoutes puts them under Routes,
// where the configuration may change or add routes by name.
type CacheConfig struct {
	Enabled bool `config:"enabled"`
	// MaxEntries bounds the URLs held; past it, one entry makes room.
	MaxEntries int                   `config:"max_entries"`
	Routes     map[string]CacheRoute `config:"routes"`
	// declared names the Routes that modules of this process declared.
	declared []string
}

// CacheRoute is one cached route.
type CacheRoute struct {
	// Path is the route's pattern, as modules mount it: /api/<module>/things/:id.
	// Empty in configuration that only changes a route a module declares.
	Path string `config:"path"`
	// TTL bounds how long a response is served; 0 turns the route's cache off.
	TTL time.Duration `config:"ttl"`
	// InvalidatedBy names the topics whose events drop the route's entries
	// in every instance (<module>.<event>.v1).
	InvalidatedBy []string `config:"invalidated_by"`
}

func defaultCache() CacheConfig {
	return CacheConfig{Enabled: true, MaxEntries: 10_000}
}

// Validate checks a route.
func (r CacheRoute) Validate() error {
	switch {
	case r.Path != "" && !strings.HasPrefix(r.Path, "/"):
		return config.Invalid("path", r.Path, "must be a route pattern starting with /")
	case r.TTL < 0 || r.TTL > 24*time.Hour:
		return config.Invalid("ttl", r.TTL, "must be between 0 (off) and 24h")
	}
	for _, topic := range r.InvalidatedBy {
		if strings.Count(topic, ".") < 2 {
			return config.Invalid("invalidated_by", topic, "must be topic names like <module>.<event>.v1")
		}
	}
	return nil
}

// Validate checks the section.
func (c CacheConfig) Validate() error {
	if c.MaxEntries < 1 {
		return config.Invalid("max_entries", c.MaxEntries, "must be at least 1")
	}
	return nil
}
