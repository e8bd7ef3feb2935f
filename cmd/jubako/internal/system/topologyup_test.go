package system

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

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
		if cmd.ProcessState == nil {
			_ = cmd.Process.Signal(syscall.SIGINT)
			_ = cmd.Wait()
		}
	})
	front, urls := out.waitUp(t, 10*time.Minute)
	happyPath(t, &shop{url: front, admin: testkit.AdminAuthorization})

	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("topology up ended with %v:\n%s", err, out.text())
		}
	case <-time.After(2 * time.Minute):
		t.Fatalf("topology up did not stop within 2 minutes of SIGINT:\n%s", out.text())
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
	mu    sync.Mutex
	lines []string
	up    chan struct{}
	ended chan struct{}
}

var upLine = regexp.MustCompile(`is up: the shop at (http://\S+)`)

// watchUp starts cmd and reads its output.
func watchUp(t *testing.T, cmd *exec.Cmd) *upOutput {
	t.Helper()
	pipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	o := &upOutput{up: make(chan struct{}), ended: make(chan struct{})}
	go func() {
		defer close(o.ended)
		sc := bufio.NewScanner(pipe)
		for sc.Scan() {
			o.mu.Lock()
			o.lines = append(o.lines, sc.Text())
			o.mu.Unlock()
			if upLine.MatchString(sc.Text()) {
				close(o.up)
			}
		}
	}()
	return o
}

// waitUp returns the front's URL and every service's, from the summary.
func (o *upOutput) waitUp(t *testing.T, timeout time.Duration) (string, []string) {
	t.Helper()
	select {
	case <-o.up:
	case <-o.ended:
		t.Fatalf("topology up ended before it was up:\n%s", o.text())
	case <-time.After(timeout):
		t.Fatalf("topology up was not up within %s:\n%s", timeout, o.text())
	}
	time.Sleep(100 * time.Millisecond) // the rest of the summary
	text := o.text()
	return upLine.FindStringSubmatch(text)[1], regexp.MustCompile(`(?m)^  \S+\s+(http://\S+)  `).FindAllString(text, -1)
}

func (o *upOutput) text() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return strings.Join(o.lines, "\n")
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
