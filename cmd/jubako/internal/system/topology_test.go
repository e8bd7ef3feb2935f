package system

import (
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jubako/jubako/platform/testkit"
)

const serviceToken = "shop-suite-service-token"

// split is one process of a topology: a build of cmd/jubako with tags;
// module names the module a service build (only_<module>) runs.
type split struct {
	tags   string
	module string
}

// processes starts a topology as OS processes on loopback: the first split
// is the front (the monolith, or what is left of it), the others services
// with databases of their own. They share the backend's Redis — on the
// embedded default, a miniredis the test serves over TCP; a lone process
// on the embedded default runs its own, as `jubako` does.
func processes(parts ...split) func(t *testing.T, be testkit.Backend, settings testkit.Settings) *shop {
	return func(t *testing.T, be testkit.Backend, settings testkit.Settings) *shop {
		return startTopologyWith(t, be, settings, parts...).shop
	}
}

// running is a started topology.
type running struct {
	shop     *shop
	services []*service
	// dsns are the databases: the front's first, then each service's.
	dsns []string
}

func startTopology(t testing.TB, be testkit.Backend, parts ...split) *running {
	return startTopologyWith(t, be, nil, parts...)
}

// startTopologyWith is startTopology with settings over shopSettings, in
// every process.
func startTopologyWith(t testing.TB, be testkit.Backend, settings testkit.Settings, parts ...split) *running {
	if len(parts) > 1 {
		be.RedisURL = be.SharedRedis(t)
	}
	addrs := make([]string, len(parts))
	for i := range parts {
		addrs[i] = testkit.FreeAddr(t)
	}
	r := &running{shop: &shop{url: "http://" + addrs[0], admin: testkit.AdminAuthorization, grpc: testkit.FreeAddr(t)}}
	for i, part := range parts {
		env := append(append(shopEnv(), envOf(settings)...), "JUBAKO_HTTP_ADDR="+addrs[i], "JUBAKO_REDIS_URL="+be.RedisURL, "JUBAKO_DATABASE_DRIVER="+be.Driver)
		dsn := be.DSN
		if part.module == "" {
			env = append(env, "JUBAKO_GRPC_ADDR="+r.shop.grpc)
			for j, other := range parts[1:] {
				env = append(env, fmt.Sprintf("JUBAKO_MODULES_%s_URL=http://%s", strings.ToUpper(other.module), addrs[j+1]))
			}
		} else {
			dsn = be.Another(t)
			env = append(env, "JUBAKO_MODULES_DEFAULT_URL=http://"+addrs[0])
		}
		r.dsns = append(r.dsns, dsn)
		r.services = append(r.services, startService(t, binary(t, part.tags), append(env, "JUBAKO_DATABASE_DSN="+dsn), addrs[i]))
	}
	for _, s := range r.services {
		s.waitReady(t)
	}
	return r
}

// shopEnv is shopSettings as environment variables, plus the service token
// and the signing key the suite mints its admin token with. gRPC, where a
// build serves it, takes a free port: no process takes :50051.
func shopEnv() []string {
	env := append(os.Environ(), "JUBAKO_SERVICE_TOKEN="+serviceToken, "JUBAKO_AUTH_SIGNING_KEY="+testkit.SigningKey, "JUBAKO_LOG_LEVEL=warn",
		"JUBAKO_GRPC_ADDR=127.0.0.1:0")
	return append(env, envOf(shopSettings)...)
}

// envOf is settings as environment variables.
func envOf(settings testkit.Settings) []string {
	var env []string
	for k, v := range settings {
		env = append(env, "JUBAKO_"+strings.ToUpper(strings.ReplaceAll(k, ".", "_"))+"="+fmt.Sprint(v))
	}
	return env
}

var builds struct {
	sync.Mutex
	dir   string
	paths map[string]string
}

// binary builds cmd/jubako with tags once per test run.
func binary(t testing.TB, tags string) string {
	t.Helper()
	builds.Lock()
	defer builds.Unlock()
	if p, ok := builds.paths[tags]; ok {
		return p
	}
	if builds.dir == "" {
		dir, err := os.MkdirTemp("", "jubako-builds-")
		if err != nil {
			t.Fatal(err)
		}
		builds.dir, builds.paths = dir, map[string]string{}
	}
	out := filepath.Join(builds.dir, "jubako-default")
	if tags != "" {
		out = filepath.Join(builds.dir, "jubako-"+strings.ReplaceAll(tags, ",", "-"))
	}
	cmd := exec.Command("go", "build", "-tags", tags, "-o", out, "./cmd/jubako")
	cmd.Dir = testkit.RepoRoot(t)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build -tags %q: %v\n%s", tags, err, msg)
	}
	builds.paths[tags] = out
	return out
}

// service is a running jubako process.
type service struct {
	cmd  *exec.Cmd
	addr string
}

func startService(t testing.TB, bin string, env []string, addr string) *service {
	t.Helper()
	cmd := exec.Command(bin)
	cmd.Env = env
	return startCmd(t, cmd, addr)
}

// startCmd starts cmd, a server listening at addr, until t ends.
func startCmd(t testing.TB, cmd *exec.Cmd, addr string) *service {
	t.Helper()
	s := &service{cmd: cmd, addr: addr}
	s.cmd.Stderr = os.Stderr
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = s.cmd.Process.Signal(syscall.SIGTERM)
		_ = s.cmd.Wait()
	})
	return s
}

func (s *service) waitReady(t testing.TB) {
	t.Helper()
	testkit.Eventually(t, time.Minute, func() bool {
		res, err := http.Get("http://" + s.addr + "/readyz")
		if err != nil {
			return false
		}
		res.Body.Close()
		return res.StatusCode == http.StatusOK
	}, func() string { return s.addr + " never became ready" })
}
