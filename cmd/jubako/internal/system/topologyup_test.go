package system

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/platform/testkit"
)

// TestTopologyUp runs `jubako topology up` on the examples as a user would
// from a checkout: it builds each service, starts the processes, the shop's
// happy path passes through the front it prints, and one SIGINT stops
// every process. The split example runs on SQLite with the miniredis the
// command serves; the monolith's three replicas, behind the command's
// balancer, on this machine's PostgreSQL and Redis when they are configured.
func TestTopologyUp(t *testing.T) {
	root := testkit.RepoRoot(t)
	t.Run("payment-shipping", func(t *testing.T) {
		topologyUp(t, filepath.Join(root, "deploy", "payment-shipping.yaml"))
	})
	t.Run("monolith on postgres", func(t *testing.T) {
		server := os.Getenv(testkit.EnvPostgres)
		if server == "" {
			t.Skip(testkit.EnvPostgres + " is not set")
		}
		file, database := renamed(t, filepath.Join(root, "deploy", "monolith.yaml"))
		t.Cleanup(func() { dropDatabase(t, server, database) })
		topologyUp(t, file, "--postgres", server, "--redis", testkit.NewRedisDatabase(t))
	})
}

// topologyUp runs the command on file with args until the shop served a
// checkout, then interrupts it and checks that every process is gone.
func topologyUp(t *testing.T, file string, args ...string) {
	dir := t.TempDir()
	cmd := exec.Command(binary(t, ""), append([]string{"topology", "up", file, "--port", "0", "--bin", dir, "--data", dir}, args...)...)
	cmd.Dir, cmd.Env = testkit.RepoRoot(t), shopEnv()
	out := watchUp(t, cmd)
	t.Cleanup(func() {
		select {
		case <-out.ended:
		default:
			_ = cmd.Process.Signal(syscall.SIGINT)
			<-out.ended
		}
	})
	front, urls := out.waitUp(t, 10*time.Minute)
	happyPath(t, &shop{url: front, admin: testkit.AdminAuthorization}, orders.ModeOrchestration)

	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case <-out.ended:
		if !cmd.ProcessState.Success() {
			t.Errorf("topology up ended with %v:\n%s", cmd.ProcessState, out)
		}
	case <-time.After(2 * time.Minute):
		t.Fatalf("topology up did not stop within 2 minutes of SIGINT:\n%s", out)
	}
	for _, u := range urls {
		if res, err := http.Get(u + "/healthz"); err == nil {
			res.Body.Close()
			t.Errorf("%s still answers after topology up stopped", u)
		}
	}
}

// upOutput is what the command prints, watched for its summary.
type upOutput struct {
	mu      sync.Mutex
	text    bytes.Buffer
	up      chan struct{}
	ended   chan struct{}
	sawLine bool
}

var upLine = regexp.MustCompile(`is up: the shop at (http://\S+)`)

// watchUp starts cmd, its output going to a new upOutput.
func watchUp(t *testing.T, cmd *exec.Cmd) *upOutput {
	t.Helper()
	o := &upOutput{up: make(chan struct{}), ended: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = o, o
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		_ = cmd.Wait()
		close(o.ended)
	}()
	return o
}

// Write keeps the output and notices the summary's first line.
func (o *upOutput) Write(b []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.text.Write(b)
	if !o.sawLine && upLine.Match(o.text.Bytes()) {
		o.sawLine = true
		close(o.up)
	}
	return len(b), nil
}

// waitUp returns the front's URL and every service's, from the summary.
func (o *upOutput) waitUp(t *testing.T, timeout time.Duration) (string, []string) {
	t.Helper()
	select {
	case <-o.up:
	case <-o.ended:
		t.Fatalf("topology up ended before it was up:\n%s", o.String())
	case <-time.After(timeout):
		t.Fatalf("topology up was not up within %s:\n%s", timeout, o.String())
	}
	// The command writes its summary in one write: it is whole by now.
	text := o.String()
	var urls []string
	for _, m := range serviceLine.FindAllStringSubmatch(text, -1) {
		urls = append(urls, m[1])
	}
	if len(urls) == 0 {
		t.Fatalf("no service in the summary:\n%s", text)
	}
	return upLine.FindStringSubmatch(text)[1], urls
}

// serviceLine is a service's line in the summary: name, URL, modules.
var serviceLine = regexp.MustCompile(`(?m)^  \S+\s+(http://\S+)  `)

func (o *upOutput) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.text.String()
}

// renamed copies a topology file under a fresh name, so that its
// databases are new, and returns the copy and its database's name.
func renamed(t *testing.T, file string) (string, string) {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("t%d", time.Now().UnixNano())
	copied := filepath.Join(t.TempDir(), filepath.Base(file))
	text := regexp.MustCompile(`(?m)^name: .*$`).ReplaceAllString(string(data), "name: "+name)
	if err := os.WriteFile(copied, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return copied, name + "_shop"
}

func dropDatabase(t *testing.T, server, name string) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, server)
	if err != nil {
		t.Error(err)
		return
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)"); err != nil {
		t.Error(err)
	}
}
