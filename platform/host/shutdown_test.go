package host_test

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/testkit"
)

// stopDeadline is the child's http.shutdown_timeout plus outbox.drain_timeout.
const stopDeadline = 10 * time.Second

func TestSIGTERMFinishesInFlightWorkThenExitsZero(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		markers := t.TempDir()
		c := startChild(t, be, markers)
		c.waitReady(t)
		if status, _, err := c.fetch(http.MethodPost, "/api/slow/publish"); err != nil || status != http.StatusAccepted {
			t.Fatalf("publish: status %d, error %v", status, err)
		}
		waitFile(t, filepath.Join(markers, "handler-started"))
		type answer struct {
			status int
			body   string
			err    error
		}
		work := make(chan answer, 1)
		go func() {
			status, body, err := c.fetch(http.MethodGet, "/api/slow/work")
			work <- answer{status, body, err}
		}()
		waitFile(t, filepath.Join(markers, "request-started"))

		if err := c.cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		sent := time.Now()
		var lastErr error
		testkit.Eventually(t, time.Second, func() bool {
			_, _, lastErr = c.fetch(http.MethodGet, "/healthz")
			return errors.Is(lastErr, syscall.ECONNREFUSED)
		}, func() string { return "a new request was not refused, last error: " + errString(lastErr) })
		select {
		case <-c.done:
			t.Fatal("the child exited before its in-flight work could finish")
		case <-work:
			t.Fatal("the in-flight request finished before new ones were refused")
		default:
		}

		if got := <-work; got.err != nil || got.status != http.StatusOK || got.body != "done" {
			t.Errorf("in-flight request: status %d, body %q, error %v; want 200 \"done\"", got.status, got.body, got.err)
		}
		select {
		case <-c.done:
		case <-time.After(stopDeadline):
			t.Fatalf("the child did not exit within %s of SIGTERM", stopDeadline)
		}
		if code := c.cmd.ProcessState.ExitCode(); code != 0 {
			t.Errorf("exit code %d after %s, want 0; stderr:\n%s", code, time.Since(sent), c.stderr.String())
		}
		d, err := db.Open(db.Config{Driver: be.Driver, DSN: be.DSN, MaxOpenConns: 1}, testkit.Logger(t))
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		effects := count(t, d, "SELECT COUNT(*) FROM slow_effects")
		completed := count(t, d, "SELECT COUNT(*) FROM jubako_outbox_deliveries WHERE completed_at IS NOT NULL")
		if effects != 1 || completed != 1 {
			t.Errorf("after shutdown: %d handler effects and %d completed deliveries, want 1 and 1", effects, completed)
		}
	})
}

// child is the test binary re-run as a jubako process (see TestMain).
type child struct {
	cmd    *exec.Cmd
	base   string
	client *http.Client
	stderr bytes.Buffer
	done   chan struct{} // closed when the process has exited
}

func startChild(t *testing.T, be testkit.Backend, markers string) *child {
	t.Helper()
	addr := testkit.FreeAddr(t)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	c := &child{
		base:   "http://" + addr,
		client: &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}},
		done:   make(chan struct{}),
	}
	c.cmd = exec.Command(exe, "-test.run=^$")
	c.cmd.Dir = t.TempDir()
	c.cmd.Env = append(os.Environ(), envChild+"="+markers,
		"JUBAKO_DATABASE_DRIVER="+be.Driver, "JUBAKO_DATABASE_DSN="+be.DSN, "JUBAKO_REDIS_URL="+be.RedisURL,
		"JUBAKO_HTTP_ADDR="+addr, "JUBAKO_LOG_LEVEL=error",
		"JUBAKO_HTTP_SHUTDOWN_TIMEOUT=5s", "JUBAKO_OUTBOX_DRAIN_TIMEOUT=5s")
	c.cmd.Stderr = &c.stderr
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		_ = c.cmd.Wait()
		close(c.done)
	}()
	t.Cleanup(func() {
		_ = c.cmd.Process.Kill()
		<-c.done
		if t.Failed() {
			t.Logf("child stderr:\n%s", c.stderr.String())
		}
	})
	return c
}

func (c *child) waitReady(t *testing.T) {
	t.Helper()
	var status int
	testkit.Eventually(t, 30*time.Second, func() bool {
		select {
		case <-c.done:
			t.Fatalf("the child exited at start: %s\n%s", c.cmd.ProcessState, c.stderr.String())
		default:
		}
		status, _, _ = c.fetch(http.MethodGet, "/readyz")
		return status == http.StatusOK
	}, func() string { return "/readyz never answered 200" })
}

// fetch sends a request on a new connection.
func (c *child) fetch(method, path string) (int, string, error) {
	req, err := http.NewRequest(method, c.base+path, nil)
	if err != nil {
		return 0, "", err
	}
	res, err := c.client.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	return res.StatusCode, string(body), err
}

func waitFile(t *testing.T, path string) {
	t.Helper()
	testkit.Eventually(t, 15*time.Second, func() bool {
		_, err := os.Stat(path)
		return err == nil
	}, func() string { return path + " was never written" })
}

func count(t *testing.T, d *db.DB, query string) int64 {
	t.Helper()
	var n int64
	if err := d.Raw(query).Scan(&n).Error; err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func errString(err error) string {
	if err == nil {
		return "none"
	}
	return err.Error()
}
