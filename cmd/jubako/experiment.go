package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/pflag"
	"golang.org/x/term"
	"sigs.k8s.io/yaml"

	"github.com/jubako/jubako/platform/experiment"
)

const experimentUsage = "jubako experiment run|save FILE [--url http://host:port] [--token T | --email E --password P]"

// Exit codes of `jubako experiment run`, beside 1 (an error) and 2 (usage).
const (
	exitDeviated     = 3
	exitAborted      = 4
	exitInconclusive = 5
)

// experimentTool is `jubako experiment`: run starts the experiment a YAML
// or JSON file defines (the API's field names) on the shop at --url,
// shows its progress on stderr — a line redrawn in place on a terminal, a
// plain line every five seconds elsewhere — and prints the report on
// stdout; Ctrl-C stops the run (its faults end at once). The exit code
// is 0 when the hypothesis held, 3 deviated, 4 aborted, 5 inconclusive.
// save stores the definition for the console to start.
func experimentTool(args []string, stdout, stderr io.Writer) int {
	f := pflag.NewFlagSet("experiment", pflag.ContinueOnError)
	connect := adminFlags(f, 30*time.Second)
	if code, ok := parse(f, args, experimentUsage, stderr); !ok {
		return code
	}
	if f.NArg() != 2 || (f.Arg(0) != "run" && f.Arg(0) != "save") {
		fmt.Fprintf(stderr, "usage: %s\n%s", experimentUsage, f.FlagUsages())
		return 2
	}
	body, err := readDefinition(f.Arg(1))
	if err != nil {
		return fail(stderr, err)
	}
	api, err := connect()
	if err != nil {
		return fail(stderr, err)
	}
	if f.Arg(0) == "save" {
		var d experiment.Definition
		if err := json.Unmarshal(body, &d); err != nil {
			return fail(stderr, err)
		}
		if err := api.do(http.MethodPut, "/api/admin/experiments/definitions/"+d.Name, body, nil); err != nil {
			return fail(stderr, err)
		}
		fmt.Fprintf(stdout, "saved %q: start it from the console's Experiments panel\n", d.Name)
		return 0
	}
	return runExperiment(api, body, stdout, stderr)
}

// readDefinition reads a YAML or JSON file as JSON.
func readDefinition(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	body, err := yaml.YAMLToJSON(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return body, nil
}

func runExperiment(api *adminAPI, body []byte, stdout, stderr io.Writer) int {
	var run experiment.Run
	if err := api.do(http.MethodPost, "/api/admin/experiments", body, &run); err != nil {
		return fail(stderr, err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	run, err := follow(ctx, api, run, stderr)
	if err != nil {
		return fail(stderr, err)
	}
	if err := experiment.WriteReport(stdout, run); err != nil {
		return fail(stderr, err)
	}
	switch {
	case run.Status == experiment.StatusAborted:
		return exitAborted
	case run.Verdict == experiment.Deviated:
		return exitDeviated
	case run.Verdict == experiment.Inconclusive:
		return exitInconclusive
	}
	return 0
}

// follow polls the run until it ends, showing its progress; when ctx ends
// first (Ctrl-C) it stops the run.
func follow(ctx context.Context, api *adminAPI, run experiment.Run, stderr io.Writer) (experiment.Run, error) {
	live := isTerminal(stderr)
	var printed time.Time
	for run.Status == experiment.StatusRunning {
		line := experiment.Progress(run, time.Now())
		switch {
		case live:
			fmt.Fprintf(stderr, "\r\033[K%s", line)
		case time.Since(printed) >= 5*time.Second:
			fmt.Fprintln(stderr, line)
			printed = time.Now()
		}
		select {
		case <-ctx.Done():
			if live {
				fmt.Fprintln(stderr)
			}
			fmt.Fprintln(stderr, "stopping the run: its faults end now")
			err := api.do(http.MethodPost, "/api/admin/experiments/"+run.ID+"/stop", nil, &run)
			return run, err
		case <-time.After(500 * time.Millisecond):
		}
		if err := api.do(http.MethodGet, "/api/admin/experiments/"+run.ID, nil, &run); err != nil {
			return run, err
		}
	}
	if live {
		fmt.Fprintln(stderr)
	}
	return run, nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
