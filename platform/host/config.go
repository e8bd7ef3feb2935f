package host

import (
	"github.com/spf13/pflag"

	"github.com/jubako/jubako/platform/auth"
	"github.com/jubako/jubako/platform/broker"
	"github.com/jubako/jubako/platform/config"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/platform/grpcserver"
	"github.com/jubako/jubako/platform/logging"
	"github.com/jubako/jubako/platform/outbox"
	"github.com/jubako/jubako/platform/remote"
	"github.com/jubako/jubako/platform/resilience"
	"github.com/jubako/jubako/platform/saga"
	"github.com/jubako/jubako/platform/telemetry"
)

// Config is the platform's configuration; modules decode their own sections.
type Config struct {
	HTTP gateway.Config `config:"http"`
	// GRPC is the gRPC server of the services modules register.
	GRPC     grpcserver.Config `config:"grpc"`
	Auth     auth.Config       `config:"auth"`
	Database db.Config         `config:"database"`
	Redis    broker.Config     `config:"redis"`
	Log      logging.Config    `config:"log"`
	Outbox   outbox.Config     `config:"outbox"`
	Saga     saga.Config       `config:"saga"`
	Service  remote.Config     `config:"service"`
	// Resilience is the policy of every endpoint call (timeouts, retries,
	// bulkheads, breakers) and the last good replies kept.
	Resilience resilience.Config `config:"resilience"`
	// Telemetry configures traces.
	Telemetry telemetry.Config `config:"telemetry"`
	// Debug turns on diagnostics for operators.
	Debug DebugConfig `config:"debug"`
	// Modules says where modules not linked into this binary run.
	Modules map[string]remote.Module `config:"modules"`
}

// Defaults is the zero-config setup: :8080 (gRPC :50051), SQLite under ./data, embedded Redis.
func Defaults() Config {
	return Config{
		HTTP:       gateway.Defaults(),
		GRPC:       grpcserver.Defaults(),
		Auth:       auth.Defaults(),
		Database:   db.Defaults(),
		Log:        logging.Defaults(),
		Outbox:     outbox.Defaults(),
		Saga:       saga.Defaults(),
		Service:    remote.Defaults(),
		Resilience: resilience.Defaults(),
		Telemetry:  telemetry.Defaults(),
	}
}

// Load reads the configuration (file, environment, flags — nil for none)
// and decodes the platform's sections.
func Load(flags *pflag.FlagSet) (*config.Source, Config, error) {
	src, err := config.Load(flags)
	if err != nil {
		return nil, Config{}, err
	}
	cfg, err := LoadConfig(src)
	return src, cfg, err
}

// LoadConfig decodes and validates the platform's sections.
func LoadConfig(src *config.Source) (Config, error) {
	c := Defaults()
	return c, src.Decode("", &c)
}

// withCacheRoutes completes cfg with the routes the modules of this process
// declare cacheable, under the http.cache.routes keys that change them.
func withCacheRoutes(src *config.Source, cfg Config, declared []gateway.CachedRoute) (Config, gateway.Config, error) {
	cache, err := cfg.HTTP.Cache.WithRoutes(src, "http.cache", declared)
	cfg.HTTP.Cache = cache
	return cfg, cfg.HTTP, err
}
