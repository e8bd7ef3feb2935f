package topology

import (
	"slices"
	"strings"

	"github.com/jubako/jubako/platform/config"
)

// Var is one environment variable of a service.
type Var struct {
	Name, Value string
}

// Environment variables the topology sets in every service; the secret
// ones (token, signing key, Redis URL, DSN) each target supplies its own way.
var (
	EnvAddr         = config.EnvName("http.addr")
	EnvDriver       = config.EnvName("database.driver")
	EnvDSN          = config.EnvName("database.dsn")
	EnvRedisURL     = config.EnvName("redis.url")
	EnvServiceToken = config.EnvName("service.token")
	EnvSigningKey   = config.EnvName("auth.signing_key")
	EnvGRPCAddr     = config.EnvName("grpc.addr")
)

// GRPCPort is the port of Online Boutique's gRPC protocol, served by the
// service that runs GRPCModule.
const GRPCPort = 50051

// GRPCModule is the module whose adapters speak Online Boutique's gRPC
// protocol; the service running it opens GRPCPort.
const GRPCModule = "hipstershop"

// ServesGRPC reports whether service s opens the gRPC port.
func (s Service) ServesGRPC() bool { return slices.Contains(s.Modules, GRPCModule) }

// Wiring is what service s must be told of the topology besides secrets
// and settings: its name in traces, and the URL of the service running
// each module it does not run, which url gives.
func (p *Plan) Wiring(s Service, url func(Service) string) []Var {
	vars := []Var{{Name: config.EnvName("telemetry.service"), Value: p.Name + "-" + s.Name}}
	for _, m := range p.Remote(s) {
		vars = append(vars, Var{Name: config.EnvName("modules." + m + ".url"), Value: url(p.Owner(m))})
	}
	return vars
}

// SettingVars are the file's settings as environment variables, by key.
func (p *Plan) SettingVars() []Var {
	var vars []Var
	for _, k := range p.SettingKeys() {
		vars = append(vars, Var{Name: config.EnvName(k), Value: p.Settings[k]})
	}
	return vars
}

// Database is the name of service s's database on a PostgreSQL server the
// services share: <topology>_<service>, '-' made '_'.
func (p *Plan) Database(s Service) string {
	return strings.ReplaceAll(p.Name+"_"+s.Name, "-", "_")
}
