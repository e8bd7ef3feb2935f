// Command jubako is the one binary: the shop's modules in one process by
// default; build tags (split_<module>, only_<module>) choose which modules
// are linked.
//
//	jubako [serve]                serve HTTP, deliver messages (default)
//	jubako migrate                apply every pending migration and exit
//	jubako topology up FILE       run a topology file as local processes
//	jubako deploy render FILE     a topology's Kubernetes or compose manifests
//	jubako healthcheck            GET /healthz: exit 0 when it answers 200
//	jubako loadgen                Online Boutique's shopper mix against a shop
//	jubako experiment run FILE    a steady-state chaos experiment, with its report
//	jubako projections rebuild    rebuild the orders' read models from their events
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/pflag"

	"github.com/jubako/jubako/cmd/jubako/internal/linked"
	"github.com/jubako/jubako/platform/config"
	"github.com/jubako/jubako/platform/host"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

func run(args []string, stderr io.Writer) int {
	cmd := "serve"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	if t, ok := tools[cmd]; ok {
		return t(args, os.Stdout, stderr)
	}
	flags := newFlags()
	flags.SetOutput(io.Discard)
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			fmt.Fprintf(stderr, "usage: jubako [serve|migrate] [flags]\n%s\n%s\n%s\n%s\n%s\n%s\n%s\n", flags.FlagUsages(), topologyUsage, deployUsage, healthcheckUsage, loadgenUsage, experimentUsage, projectionsUsage)
			return 0
		}
		fmt.Fprintln(stderr, "jubako:", err)
		return 2
	}
	src, cfg, err := host.Load(flags)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	switch cmd {
	case "serve":
		return report(stderr, serve(src, cfg))
	case "migrate":
		return report(stderr, host.Migrate(src, cfg, linked.Modules()...))
	default:
		fmt.Fprintf(stderr, "jubako: unknown command %q (want serve, migrate, topology, deploy, healthcheck, loadgen, experiment or projections)\n", cmd)
		return 2
	}
}

func newFlags() *pflag.FlagSet {
	f := pflag.NewFlagSet("jubako", pflag.ContinueOnError)
	f.String("config", "", "configuration file (default ./jubako.yaml when present)")
	f.String("http.addr", "", "listen address, e.g. :8080")
	f.String("database.driver", "", "sqlite or postgres")
	f.String("database.dsn", "", "database DSN (file path for sqlite)")
	f.String("redis.url", "", "redis://host:port/db; empty runs an embedded Redis")
	f.String("log.level", "", "debug, info, warn or error")
	f.String("log.format", "", "text or json")
	return f
}

// serve runs until SIGINT or SIGTERM, then drains requests and handlers.
func serve(src *config.Source, cfg host.Config) error {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	return host.Serve(ctx, src, cfg, host.Params{Remote: linked.Remotes()}, linked.Modules()...)
}

// report prints one line for a failure; configuration errors are shown
// without the wiring context around them.
func report(stderr io.Writer, err error) int {
	if err == nil {
		return 0
	}
	var fe *config.FieldError
	if errors.As(err, &fe) {
		fmt.Fprintln(stderr, fe.Error())
		return 2
	}
	fmt.Fprintln(stderr, "jubako:", err)
	return 1
}
