package main

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"text/tabwriter"
	"time"

	"github.com/spf13/pflag"

	"github.com/jubako/jubako/modules/orders"
)

const projectionsUsage = "jubako projections list|rebuild [NAME] [--url http://host:port] [--token T | --email E --password P]"

// projectionsTool is `jubako projections`: list prints the orders' read
// models with their checkpoints and lags; rebuild rebuilds the one named,
// or every one, from the events, through the shop's admin API at --url,
// and prints each as it stands after its rebuild.
func projectionsTool(args []string, stdout, stderr io.Writer) int {
	f := pflag.NewFlagSet("projections", pflag.ContinueOnError)
	connect := adminFlags(f, 10*time.Minute)
	if code, ok := parse(f, args, projectionsUsage, stderr); !ok {
		return code
	}
	verb := f.Arg(0)
	if !(verb == "list" && f.NArg() == 1) && !(verb == "rebuild" && f.NArg() <= 2) {
		fmt.Fprintf(stderr, "usage: %s\n%s", projectionsUsage, f.FlagUsages())
		return 2
	}
	api, err := connect()
	if err != nil {
		return fail(stderr, err)
	}
	var list orders.Projections
	if err := api.do(http.MethodGet, "/api/admin/projections", nil, &list); err != nil {
		return fail(stderr, err)
	}
	if verb == "rebuild" {
		names := f.Args()[1:]
		if len(names) == 0 {
			for _, p := range list.Projections {
				names = append(names, p.Name)
			}
		}
		list.Projections = nil
		for _, name := range names {
			var p orders.Projection
			if err := api.do(http.MethodPost, "/api/admin/projections/"+url.PathEscape(name)+"/rebuild", nil, &p); err != nil {
				return fail(stderr, fmt.Errorf("rebuild %s: %w", name, err))
			}
			list.Projections = append(list.Projections, p)
		}
	}
	w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "NAME\tCHECKPOINT\tLAG")
	for _, p := range list.Projections {
		fmt.Fprintf(w, "%s\t%d\t%d\n", p.Name, p.Checkpoint, p.Lag)
	}
	if err := w.Flush(); err != nil {
		return fail(stderr, err)
	}
	return 0
}
