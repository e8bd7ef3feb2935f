package main

import (
	"context"
	"fmt"
	"io"
	"os/signal"
	"syscall"

	"github.com/jubako/jubako/cmd/jubako/internal/loadgen"
)

const loadgenUsage = "jubako loadgen [--url http://host:port] [--users 10] [--spawn-rate 10] [--duration 1m] [--think 1s-10s | --rate tasks/s] [--json]"

// loadgenTool is `jubako loadgen`: Online Boutique's shopper mix against
// --url, or — without --url — against the shop served in this process,
// whose console then charts the run (see serveAndLoad). It prints the live
// progress on stderr and the report (a table, or JSON) on stdout; the exit
// code is 1 when a task failed.
func loadgenTool(args []string, stdout, stderr io.Writer) int {
	f := newFlags()
	d := loadgen.Defaults()
	target := f.String("url", "", "the shop's address; empty: serve the shop here and load it")
	f.IntVar(&d.Users, "users", d.Users, "virtual users, each with its own cookies")
	f.Float64Var(&d.SpawnRate, "spawn-rate", d.SpawnRate, "users started per second")
	f.DurationVar(&d.Duration, "duration", d.Duration, "how long the run lasts")
	f.Float64Var(&d.Rate, "rate", 0, "tasks per second in all, paced (open loop); 0: users think between tasks")
	think := f.String("think", d.Think.String(), "wait between a user's tasks: 1s-10s, 500ms, or 0 for a stress test")
	f.DurationVar(&d.Timeout, "timeout", d.Timeout, "bound of each request")
	f.Uint64Var(&d.Seed, "seed", 0, "seed of the users' choices, for a repeatable mix (0: random)")
	asJSON := f.Bool("json", false, "print the report as JSON")
	if code, ok := parse(f, args, loadgenUsage, stderr); !ok {
		return code
	}
	var err error
	if d.Think, err = loadgen.ParseThink(*think); err != nil {
		fmt.Fprintln(stderr, "jubako:", err)
		return 2
	}
	d.URL = *target
	if err := validate(d); err != nil {
		fmt.Fprintln(stderr, "jubako:", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	var rep loadgen.Report
	if d.URL == "" {
		rep, err = serveAndLoad(ctx, f, d, stderr)
	} else {
		rep, err = load(ctx, d, nil, stderr)
	}
	if err != nil {
		return report(stderr, err)
	}
	return printReport(rep, *asJSON, stdout, stderr)
}

// validate checks the options but the URL, which serveAndLoad fills in.
func validate(o loadgen.Options) error {
	if o.URL == "" {
		o.URL = "http://localhost"
	}
	return o.Validate()
}

// load runs o with its progress on stderr; cur, when not nil, holds the
// run for the console of this process.
func load(ctx context.Context, o loadgen.Options, cur *loadgen.Current, stderr io.Writer) (loadgen.Report, error) {
	r, err := loadgen.New(o)
	if err != nil {
		return loadgen.Report{}, err
	}
	if cur != nil {
		cur.Store(r)
	}
	stop := loadgen.Progress(stderr, r)
	s := r.Run(ctx)
	stop()
	return loadgen.NewReport(o, s), nil
}

// printReport writes the report; the exit code is 1 when a task failed.
func printReport(r loadgen.Report, asJSON bool, stdout, stderr io.Writer) int {
	write := r.WriteTable
	if asJSON {
		write = r.WriteJSON
	}
	if err := write(stdout); err != nil {
		return fail(stderr, err)
	}
	if r.Errors > 0 {
		return 1
	}
	return 0
}
