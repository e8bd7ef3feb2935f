package host_test

import (
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"

	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/host"
	"github.com/jubako/jubako/platform/testkit"
)

type readiness struct {
	Ready  bool         `json:"ready"`
	Checks []host.Check `json:"checks"`
}

// TestReadyzFollowsRedisWhileHealthzStaysUp stops the process's Redis and
// starts it again: a miniredis over TCP on SQLite, a redis-server of the
// test's own on PostgreSQL.
func TestReadyzFollowsRedisWhileHealthzStaysUp(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		url, stop, restart := stoppableRedis(t, be)
		be.RedisURL = url
		readyzFollowsRedis(t, testkit.Start(t, be, nil), stop, restart)
	})
}

// stoppableRedis is a Redis of the test's own, its URL, and functions that
// stop it and start it again on the same port.
func stoppableRedis(t *testing.T, be testkit.Backend) (url string, stop, restart func() error) {
	t.Helper()
	if be.Driver == db.SQLite {
		m := miniredis.RunT(t)
		return "redis://" + m.Addr(), func() error { m.Close(); return nil }, m.Restart
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	_ = ln.Close()
	var server *exec.Cmd
	start := func() error {
		server = exec.Command("redis-server", "--bind", "127.0.0.1", "--port", port, "--save", "", "--appendonly", "no")
		if err := server.Start(); err != nil {
			return fmt.Errorf("start redis-server (needed with %s): %w", testkit.EnvPostgres, err)
		}
		return nil
	}
	stop = func() error {
		_ = server.Process.Kill()
		_ = server.Wait()
		return nil
	}
	if err := start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = stop() })
	testkit.Eventually(t, 10*time.Second, func() bool {
		c, err := net.Dial("tcp", "127.0.0.1:"+port)
		if err == nil {
			_ = c.Close()
		}
		return err == nil
	}, func() string { return "redis-server never listened on " + port })
	return "redis://127.0.0.1:" + port + "/0", stop, start
}

func readyzFollowsRedis(t *testing.T, p *testkit.Process, stop, restart func() error) {
	phases := []struct {
		name    string
		act     func() error
		status  int
		redisUp bool
	}{
		{name: "redis up", act: func() error { return nil }, status: http.StatusOK, redisUp: true},
		{name: "redis stopped", act: stop, status: http.StatusServiceUnavailable},
		{name: "redis restarted", act: restart, status: http.StatusOK, redisUp: true},
	}
	for _, ph := range phases {
		if err := ph.act(); err != nil {
			t.Fatalf("%s: %v", ph.name, err)
		}
		var res testkit.Response
		testkit.Eventually(t, 10*time.Second, func() bool {
			res = p.Do(t, http.MethodGet, "/readyz", nil)
			return res.Status == ph.status
		}, func() string { return fmt.Sprintf("%s: /readyz is %d: %s", ph.name, res.Status, res.Body) })
		var got readiness
		res.Decode(t, &got)
		want := map[string]bool{"database": true, "migrations": true, "redis": ph.redisUp}
		if got.Ready != (ph.status == http.StatusOK) || len(got.Checks) != len(want) {
			t.Errorf("%s: /readyz body %s", ph.name, res.Body)
		}
		for _, c := range got.Checks {
			if c.OK != want[c.Name] || (c.Error == "") != c.OK {
				t.Errorf("%s: check %+v, want ok=%v with an error exactly when not ok", ph.name, c, want[c.Name])
			}
		}
		if h := p.Do(t, http.MethodGet, "/healthz", nil); h.Status != http.StatusOK {
			t.Errorf("%s: /healthz is %d: %s", ph.name, h.Status, h.Body)
		}
	}
}
