// Package compose renders a topology plan as a Compose file for a laptop:
// each service built from the checkout with its build tags, a Redis, and
// PostgreSQL — one server with a database per service, or a server each.
// Secrets are read from the environment (an .env file beside it): compose
// refuses to start without them.
package compose

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"sigs.k8s.io/yaml"

	"github.com/jubako/jubako/cmd/jubako/internal/topology"
	"github.com/jubako/jubako/platform/db"
)

// port is the port every service listens on inside its container.
const port = 8080

// Variables the compose file reads from the environment.
const (
	EnvServiceToken = "JUBAKO_SERVICE_TOKEN"
	EnvSigningKey   = "JUBAKO_AUTH_SIGNING_KEY"
	EnvPostgresPass = "JUBAKO_POSTGRES_PASSWORD"
)

// Render writes the compose file of p.
func Render(w io.Writer, p *topology.Plan) error {
	f, err := New(p)
	if err != nil {
		return err
	}
	data, err := yaml.Marshal(f)
	if err != nil {
		return fmt.Errorf("render compose: %w", err)
	}
	_, err = fmt.Fprintf(w, "# Topology %s, rendered by `jubako deploy render --format compose`.\n"+
		"# From the checkout, with %s, %s and %s set (or in .env): docker compose -f <this file> up --build\n%s",
		p.Name, EnvServiceToken, EnvSigningKey, EnvPostgresPass, data)
	return err
}

// New is the compose file of p. Its own services are named redis and
// postgres[-<service>]: a topology service may not take those names.
func New(p *topology.Plan) (File, error) {
	f := File{Name: p.Name, Services: map[string]Service{"redis": redis()}, Volumes: map[string]Volume{}}
	addPostgres(&f, p)
	for i, s := range p.Services {
		if _, taken := f.Services[s.Name]; taken || strings.HasPrefix(s.Name, "postgres") {
			return File{}, &topology.FieldError{Field: fmt.Sprintf("services[%d].name", i),
				Message: fmt.Sprintf("%q is taken by compose's own services (redis, postgres…)", s.Name)}
		}
		f.Services[s.Name] = service(p, s)
	}
	return f, nil
}

// service runs s from an image built with its tags.
func service(p *topology.Plan, s topology.Service) Service {
	env := map[string]string{
		topology.EnvAddr:         ":" + strconv.Itoa(port),
		topology.EnvGRPCAddr:     "",
		topology.EnvDriver:       db.Postgres,
		topology.EnvDSN:          dsn(p, s),
		topology.EnvRedisURL:     "redis://redis:6379/0",
		topology.EnvServiceToken: required(EnvServiceToken),
		topology.EnvSigningKey:   required(EnvSigningKey),
	}
	for _, v := range p.SettingVars() {
		env[v.Name] = v.Value
	}
	for _, v := range p.Wiring(s, func(o topology.Service) string { return fmt.Sprintf("http://%s:%d", o.Name, port) }) {
		env[v.Name] = v.Value
	}
	svc := Service{
		Image: p.ImageOf(s), Build: &Build{Context: ".", Args: map[string]string{"TAGS": s.Tags}},
		Environment: env, Deploy: &Deploy{Replicas: s.Replicas}, Restart: "unless-stopped",
		DependsOn: map[string]Dependency{"redis": {Condition: "service_healthy"},
			postgresOf(p, s): {Condition: "service_healthy"}},
		StopGracePeriod: (p.StopTimeout + 5*time.Second).String(),
	}
	if s.Name == p.Front().Name {
		svc.Ports = []string{publish(s.Replicas, port)}
	}
	if s.ServesGRPC() {
		env[topology.EnvGRPCAddr] = ":" + strconv.Itoa(topology.GRPCPort)
		svc.Ports = append(svc.Ports, publish(s.Replicas, topology.GRPCPort))
	}
	return svc
}

// publish maps a service's container port to the host: the same number,
// then one more per further replica.
func publish(replicas, port int) string {
	if replicas == 1 {
		return fmt.Sprintf("%d:%d", port, port)
	}
	return fmt.Sprintf("%d-%d:%d", port, port+replicas-1, port)
}

// required reads an environment variable compose must be given.
func required(env string) string {
	return "${" + env + ":?is required}"
}

// redis is the topology's broker, shared by every service.
func redis() Service {
	return Service{Image: "redis:7-alpine", Restart: "unless-stopped",
		Healthcheck: &Healthcheck{Test: []string{"CMD", "redis-cli", "ping"}, Interval: "2s", Retries: 30}}
}
