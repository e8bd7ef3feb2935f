package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/pflag"

	"github.com/jubako/jubako/cmd/jubako/internal/compose"
	"github.com/jubako/jubako/cmd/jubako/internal/kube"
	"github.com/jubako/jubako/cmd/jubako/internal/linked"
	"github.com/jubako/jubako/cmd/jubako/internal/topology"
)

const deployUsage = "jubako deploy render FILE [--format kubernetes|compose] [-o OUT]"

// renderers write a plan in each format.
var renderers = map[string]func(io.Writer, *topology.Plan) error{
	"kubernetes": kube.Render,
	"compose":    compose.Render,
}

// deployTool is `jubako deploy render FILE`: the topology's manifests.
func deployTool(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "render" {
		fmt.Fprintf(stderr, "usage: %s\n", deployUsage)
		return 2
	}
	f := pflag.NewFlagSet("deploy render", pflag.ContinueOnError)
	format := f.String("format", "kubernetes", "kubernetes or compose")
	out := f.StringP("output", "o", "", "write to this file instead of stdout")
	if code, ok := parse(f, args[1:], deployUsage, stderr); !ok {
		return code
	}
	render, known := renderers[*format]
	if f.NArg() != 1 || !known {
		fmt.Fprintf(stderr, "jubako: deploy render wants one file and --format kubernetes or compose\nusage: %s\n", deployUsage)
		return 2
	}
	plan, err := topology.Load(f.Arg(0), linked.Names())
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	w := stdout
	if *out != "" {
		file, err := os.Create(*out)
		if err != nil {
			return fail(stderr, err)
		}
		defer file.Close()
		w = file
	}
	if err := render(w, plan); err != nil {
		return fail(stderr, err)
	}
	return 0
}
