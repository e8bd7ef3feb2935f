package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/pflag"
)

// tool is a subcommand that is not a process of the shop: it reads no
// configuration and writes its output to stdout.
type tool func(args []string, stdout, stderr io.Writer) int

// tools are the subcommands besides serve and migrate.
var tools = map[string]tool{
	"topology":    topologyTool,
	"deploy":      deployTool,
	"healthcheck": healthcheckTool,
	"loadgen":     loadgenTool,
	"experiment":  experimentTool,
	"projections": projectionsTool,
}

// parse parses a tool's flags, printing usage on --help (exit 0) or on an
// error (exit 2); ok is false when the tool should exit with code.
func parse(f *pflag.FlagSet, args []string, usage string, stderr io.Writer) (code int, ok bool) {
	f.SetOutput(io.Discard)
	err := f.Parse(args)
	switch {
	case errors.Is(err, pflag.ErrHelp):
		fmt.Fprintf(stderr, "usage: %s\n%s", usage, f.FlagUsages())
		return 0, false
	case err != nil:
		fmt.Fprintf(stderr, "jubako: %v\nusage: %s\n", err, usage)
		return 2, false
	}
	return 0, true
}

// fail prints err and returns exit code 1.
func fail(stderr io.Writer, err error) int {
	fmt.Fprintln(stderr, "jubako:", err)
	return 1
}
