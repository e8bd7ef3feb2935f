package system

import (
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/jubako/jubako/platform/testkit"
)

// BenchmarkColdStart measures how long `jubako` with nothing configured
// takes from exec to answering /readyz 200: on a fresh data directory
// (migrations, the catalog seeded, the first admin's password hashed) and
// started again on the same directory.
func BenchmarkColdStart(b *testing.B) {
	bin := binary(b, "")
	for _, run := range []struct {
		name  string
		fresh bool
	}{{"first", true}, {"again", false}} {
		b.Run(run.name, func(b *testing.B) {
			var total time.Duration
			dir := b.TempDir()
			for b.Loop() {
				if run.fresh {
					dir = b.TempDir()
				}
				total += startToReady(b, bin, dir)
			}
			b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms-to-ready")
		})
	}
}

// startToReady starts bin in dir on the embedded defaults, times it to
// /readyz 200 and stops it.
func startToReady(b *testing.B, bin, dir string) time.Duration {
	addr := testkit.FreeAddr(b)
	cmd := exec.Command(bin)
	cmd.Dir = dir
	cmd.Env = append(plainEnv(), "JUBAKO_HTTP_ADDR="+addr, "JUBAKO_GRPC_ADDR=", "JUBAKO_LOG_LEVEL=error")
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	}()
	for time.Since(start) < time.Minute {
		if res, err := http.Get("http://" + addr + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return time.Since(start)
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
	b.Fatalf("%s never became ready", bin)
	return 0
}

// BenchmarkIdle measures the CPU a process with no traffic spends, in
// percent of one core over ten seconds: `jubako` on the embedded defaults,
// and with a Redis server of its own — both processes counted.
func BenchmarkIdle(b *testing.B) {
	bin := binary(b, "")
	b.Run("embedded", func(b *testing.B) {
		for b.Loop() {
			s := idleService(b, bin)
			b.ReportMetric(idleCPU(b, s), "cpu-%")
		}
	})
	b.Run("redis", func(b *testing.B) {
		redisBin, err := exec.LookPath("redis-server")
		if err != nil {
			b.Skip("no redis-server on this machine")
		}
		for b.Loop() {
			redisAddr := testkit.FreeAddr(b)
			port := redisAddr[strings.LastIndexByte(redisAddr, ':')+1:]
			redis := startCmd(b, exec.Command(redisBin, "--bind", "127.0.0.1", "--port", port, "--save", "", "--appendonly", "no"), redisAddr)
			s := idleService(b, bin, "JUBAKO_REDIS_URL=redis://"+redisAddr+"/0")
			b.ReportMetric(idleCPU(b, s, redis), "cpu-%")
		}
	})
}

// idleService starts bin on the embedded defaults (plus env) in a fresh
// directory and waits until it is ready and its start-up work is done.
func idleService(b *testing.B, bin string, env ...string) *service {
	addr := testkit.FreeAddr(b)
	cmd := exec.Command(bin)
	cmd.Dir = b.TempDir()
	cmd.Env = append(plainEnv(), append(env, "JUBAKO_HTTP_ADDR="+addr, "JUBAKO_GRPC_ADDR=", "JUBAKO_LOG_LEVEL=error")...)
	s := startCmd(b, cmd, addr)
	s.waitReady(b)
	time.Sleep(3 * time.Second)
	return s
}

// idleCPU is the CPU the services spend in ten seconds, in percent of a core.
func idleCPU(b *testing.B, services ...*service) float64 {
	const window = 10 * time.Second
	before := cpuTime(b, services)
	time.Sleep(window)
	return 100 * (cpuTime(b, services) - before).Seconds() / window.Seconds()
}

// plainEnv is this process's environment without jubako's settings, as a
// new user's shell would be.
func plainEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "JUBAKO_") {
			env = append(env, kv)
		}
	}
	return env
}
