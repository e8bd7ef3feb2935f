// Package launch runs a topology plan as local processes (`jubako topology
// up`): it builds each service's binary with its build tags, gives each
// replica a loopback port and its own database, shares one Redis, wires
// the modules' URLs, the service token and the signing key, prefixes every
// log line with its process's name, and stops everything together.
package launch

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/jubako/jubako/cmd/jubako/internal/topology"
)

// Options tune Up.
type Options struct {
	// Bin receives the built binaries; Data the SQLite files.
	Bin, Data string
	// Port is the front's; the others follow. 0 picks free ports.
	Port int
	// Redis is a Redis URL; empty serves a miniredis from this process.
	Redis string
	// Postgres is a PostgreSQL server URL; empty gives SQLite files, and
	// one replica per service (one process per SQLite file).
	Postgres string
	// Out receives the processes' lines and Up's own.
	Out io.Writer
	// ReadyTimeout bounds the wait for every process to be ready.
	ReadyTimeout time.Duration
}

// Up runs p until ctx ends (Ctrl-C) or a process exits on its own, then
// stops every process. It returns an error when a process failed.
func Up(ctx context.Context, p *topology.Plan, o Options) error {
	c := &console{out: o.Out}
	bins, err := build(ctx, c, p, o.Bin)
	if err != nil {
		return err
	}
	redisURL := o.Redis
	if redisURL == "" {
		url, stop, err := embeddedRedis()
		if err != nil {
			return err
		}
		defer stop()
		redisURL = url
		c.write(fmt.Appendf(nil, "redis: a miniredis in this process at %s, volatile (--redis for a server)\n", url))
	}
	dbs, err := databases(ctx, p, o.Data, o.Postgres)
	if err != nil {
		return err
	}
	l, err := place(p, o.Port, replicasOn(c, o.Postgres != ""))
	if err != nil {
		return err
	}
	env := environment(p, l, dbs, redisURL)
	return run(ctx, c, p, l, func(r replica) (string, []string) { return bins[r.service.Name], env(r) }, o.ReadyTimeout)
}

// replicasOn is the number of replicas to run of a service: as the file
// says on PostgreSQL, one on SQLite, which serves one process per file.
func replicasOn(c *console, postgres bool) func(topology.Service) int {
	return func(s topology.Service) int {
		if postgres || s.Replicas == 1 {
			return s.Replicas
		}
		c.write(fmt.Appendf(nil, "%s: 1 replica of %d: SQLite serves one process per file (--postgres for more)\n", s.Name, s.Replicas))
		return 1
	}
}

// environment is each replica's: the file's settings, then this process's
// environment, then the topology's wiring, later ones winning.
func environment(p *topology.Plan, l *layout, dbs map[string]database, redisURL string) func(replica) []string {
	token, key := secret(topology.EnvServiceToken), secret(topology.EnvSigningKey)
	return func(r replica) []string {
		var env []string
		for _, v := range p.SettingVars() {
			env = append(env, v.Name+"="+v.Value)
		}
		env = append(env, os.Environ()...)
		d := dbs[r.service.Name]
		env = append(env, topology.EnvAddr+"="+r.addr, topology.EnvGRPCAddr+"="+r.grpc, topology.EnvDriver+"="+d.driver, topology.EnvDSN+"="+d.dsn,
			topology.EnvRedisURL+"="+redisURL, topology.EnvServiceToken+"="+token, topology.EnvSigningKey+"="+key)
		for _, v := range p.Wiring(r.service, l.url) {
			env = append(env, v.Name+"="+v.Value)
		}
		return env
	}
}

// width is the longest replica name, to align the prefixes.
func width(l *layout) int {
	w := 0
	for _, r := range l.replicas {
		w = max(w, len(r.name))
	}
	return w
}

// summary lists where each service answers and what it runs.
func summary(p *topology.Plan, l *layout) string {
	var b strings.Builder
	fmt.Fprintf(&b, "topology %s is up: the shop at %s (Ctrl-C stops it)\n", p.Name, l.url(p.Front()))
	for _, s := range p.Services {
		replicas := ""
		if n := len(l.backends(s)); n > 0 {
			replicas = fmt.Sprintf(" (%d replicas)", n)
		}
		fmt.Fprintf(&b, "  %-*s %s  %s%s\n", width(l), s.Name, l.url(s), strings.Join(s.Modules, ", "), replicas)
	}
	for _, r := range l.replicas {
		if r.grpc != "" {
			fmt.Fprintf(&b, "  %-*s gRPC (Online Boutique's protocol) at %s\n", width(l), r.name, r.grpc)
		}
	}
	return b.String()
}
