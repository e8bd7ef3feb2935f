package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"

	"github.com/spf13/pflag"
	"go.uber.org/fx"

	"github.com/jubako/jubako/cmd/jubako/internal/linked"
	"github.com/jubako/jubako/cmd/jubako/internal/loadgen"
	"github.com/jubako/jubako/platform/console"
	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/platform/host"
)

// serveAndLoad serves the shop in this process — configured as `jubako
// serve` is, but with rate limits off (one address sends the whole load)
// and its log at WARN unless configured — loads it with o, and stops it.
// Its console charts the run live at /admin/panels/loadgen.
func serveAndLoad(ctx context.Context, f *pflag.FlagSet, o loadgen.Options, stderr io.Writer) (loadgen.Report, error) {
	src, _, err := host.Load(f)
	if err != nil {
		return loadgen.Report{}, err
	}
	src.Set("http.rate_limit.enabled", false)
	if !f.Changed("log.level") && os.Getenv("JUBAKO_LOG_LEVEL") == "" {
		src.Set("log.level", "warn")
	}
	cfg, err := host.LoadConfig(src)
	if err != nil {
		return loadgen.Report{}, err
	}
	cur := &loadgen.Current{}
	var g *gateway.Gateway
	modules := append(linked.Modules(), console.AddPanel(func() console.Panel { return loadgen.Panel(cur) }), fx.Populate(&g))
	app := host.New(src, cfg, host.Params{Remote: linked.Remotes()}, modules...)
	if err := app.Start(ctx); err != nil {
		return loadgen.Report{}, err
	}
	defer func() {
		stopCtx, cancel := context.WithTimeout(context.Background(), cfg.HTTP.ShutdownTimeout+cfg.Outbox.DrainTimeout)
		defer cancel()
		if err := app.Stop(stopCtx); err != nil {
			fmt.Fprintln(stderr, "jubako: stop the shop:", err)
		}
	}()
	o.URL = "http://" + dialable(g.Addr())
	fmt.Fprintf(stderr, "loading the shop served here at %s; its console charts the run at %s/admin/panels/loadgen\n", o.URL, o.URL)
	return load(ctx, o, cur, stderr)
}

// dialable is addr with a wildcard host (":8080", "[::]:8080") made the
// loopback one.
func dialable(addr string) string {
	h, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if ip := net.ParseIP(h); h == "" || (ip != nil && ip.IsUnspecified()) {
		h = "127.0.0.1"
	}
	return net.JoinHostPort(h, port)
}
