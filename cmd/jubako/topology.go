package main

import (
	"context"
	"fmt"
	"io"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/jubako/jubako/cmd/jubako/internal/launch"
	"github.com/jubako/jubako/cmd/jubako/internal/linked"
	"github.com/jubako/jubako/cmd/jubako/internal/topology"
)

const topologyUsage = "jubako topology up FILE [--port 8080] [--redis URL] [--postgres URL] [--bin bin] [--data data]"

// topologyTool is `jubako topology up FILE`: the topology as local
// processes until Ctrl-C.
func topologyTool(args []string, _, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "up" {
		fmt.Fprintf(stderr, "usage: %s\n", topologyUsage)
		return 2
	}
	f := pflag.NewFlagSet("topology up", pflag.ContinueOnError)
	o := launch.Options{Out: stderr}
	f.IntVar(&o.Port, "port", 8080, "the front's port; the others follow (0: free ports)")
	f.StringVar(&o.Redis, "redis", "", "a Redis URL (default: a miniredis served by this command)")
	f.StringVar(&o.Postgres, "postgres", "", "a PostgreSQL server URL: a database <topology>_<service> each (default: SQLite files)")
	f.StringVar(&o.Bin, "bin", "bin", "where to build the binaries")
	f.StringVar(&o.Data, "data", "data", "where the SQLite files go (<data>/<topology>/<service>.db)")
	f.DurationVar(&o.ReadyTimeout, "ready-timeout", 3*time.Minute, "how long to wait for every process to be ready")
	if code, ok := parse(f, args[1:], topologyUsage, stderr); !ok {
		return code
	}
	if f.NArg() != 1 {
		fmt.Fprintf(stderr, "jubako: topology up wants one file\nusage: %s\n", topologyUsage)
		return 2
	}
	plan, err := topology.Load(f.Arg(0), linked.Names())
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := launch.Up(ctx, plan, o); err != nil {
		return fail(stderr, err)
	}
	return 0
}
