package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/spf13/pflag"

	"github.com/jubako/jubako/cmd/jubako/internal/topology"
)

const healthcheckUsage = "jubako healthcheck [--url URL]"

// healthcheckTool is `jubako healthcheck`: GET /healthz, exit 0 on 200 and
// 1 otherwise — the image's HEALTHCHECK, which has no curl to run.
func healthcheckTool(args []string, _, stderr io.Writer) int {
	f := pflag.NewFlagSet("healthcheck", pflag.ContinueOnError)
	url := f.String("url", localURL(os.Getenv(topology.EnvAddr))+"/healthz", "the URL to check (default: this container's http.addr)")
	timeout := f.Duration("timeout", 3*time.Second, "give up after this long")
	if code, ok := parse(f, args, healthcheckUsage, stderr); !ok {
		return code
	}
	client := &http.Client{Timeout: *timeout}
	res, err := client.Get(*url)
	if err != nil {
		return fail(stderr, err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fail(stderr, fmt.Errorf("%s answered %d", *url, res.StatusCode))
	}
	return 0
}

// localURL is the loopback URL of a listen address (":8080", "0.0.0.0:8080"
// or "" for the default).
func localURL(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		host, port = "", "8080"
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port)
}
