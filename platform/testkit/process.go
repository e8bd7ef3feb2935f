package testkit

import (
	"context"
	"io"
	"log/slog"
	"os"
	"testing"
	"time"

	"go.uber.org/fx"

	"github.com/jubako/jubako/platform/broker"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/config"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/platform/grpcserver"
	"github.com/jubako/jubako/platform/host"
	"github.com/jubako/jubako/platform/outbox"
)

// Process is an in-process jubako on a loopback port.
type Process struct {
	URL    string
	Bus    *bus.Bus
	DB     *db.DB
	Outbox *outbox.Outbox
	Broker *broker.Broker
	// Gateway is the process's HTTP front, for tests that walk its routes.
	Gateway *gateway.Gateway
	// GRPCAddr is where the process serves gRPC (on a free loopback port):
	// "" when none of its modules registers a gRPC service.
	GRPCAddr string
	app      *fx.App
}

// FastSettings make delivery and retries quick enough for tests.
var FastSettings = map[string]any{
	"outbox.retry_base":    "100ms",
	"outbox.retry_max":     "1s",
	"outbox.poll_interval": "100ms",
	// asynq carries retries and re-sends: poll for them often.
	"outbox.task_check_interval":    "50ms",
	"outbox.delayed_check_interval": "200ms",
	"outbox.sweep_interval":         "1s",
	"outbox.sweep_grace":            "2s",
	"outbox.drain_timeout":          "5s",
	"http.shutdown_timeout":         "5s",
	"auth.signing_key":              SigningKey,
	// Every test client calls from one loopback address: suites would run
	// out of budget. Rate-limit tests turn it back on.
	"http.rate_limit.enabled": false,
}

// Settings are configuration overrides for Start, by key.
type Settings map[string]any

// Start runs a process on be with the modules and settings given (over
// FastSettings) and stops it when t ends. Logs go to the test log when
// JUBAKO_TEST_LOG is set, nowhere otherwise.
func Start(t testing.TB, be Backend, settings Settings, modules ...fx.Option) *Process {
	t.Helper()
	return StartWith(t, Options{Backend: be, Settings: settings, Modules: modules})
}

// Options describe a process for StartWith.
type Options struct {
	Backend  Backend
	Settings Settings
	// Remote names modules reached over HTTP, as a split build would.
	Remote  []string
	Modules []fx.Option
	// Logger receives the process's logs instead of Logger(t), for tests
	// that read them.
	Logger *slog.Logger
}

// StartWith is Start with every option.
func StartWith(t testing.TB, o Options) *Process {
	t.Helper()
	be, settings, modules := o.Backend, o.Settings, o.Modules
	src, err := config.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range FastSettings {
		src.Set(k, v)
	}
	src.Set("http.addr", "127.0.0.1:0")
	src.Set("grpc.addr", "127.0.0.1:0")
	src.Set("database.driver", be.Driver)
	src.Set("database.dsn", be.DSN)
	src.Set("redis.url", be.RedisURL)
	for k, v := range settings {
		src.Set(k, v)
	}
	cfg, err := host.LoadConfig(src)
	if err != nil {
		t.Fatal(err)
	}
	p := &Process{}
	var rpc *grpcserver.Server
	populate := fx.Invoke(func(b *bus.Bus, d *db.DB, o *outbox.Outbox, br *broker.Broker, g *gateway.Gateway, gs *grpcserver.Server) {
		p.Bus, p.DB, p.Outbox, p.Broker, p.Gateway, rpc = b, d, o, br, g, gs
	})
	log := o.Logger
	if log == nil {
		log = Logger(t)
	}
	p.app = host.New(src, cfg, host.Params{Logger: log, Remote: o.Remote}, append(modules, populate)...)
	if err := p.app.Err(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := p.app.Start(ctx); err != nil {
		t.Fatal(err)
	}
	p.URL, p.GRPCAddr = "http://"+p.Gateway.Addr(), rpc.Addr()
	t.Cleanup(func() { p.Stop(t) })
	return p
}

// Stop stops the process (again is a no-op).
func (p *Process) Stop(t testing.TB) {
	if p.app == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := p.app.Stop(ctx); err != nil {
		t.Errorf("stop: %v", err)
	}
	p.app = nil
}

// Logger writes to t's log when JUBAKO_TEST_LOG is set.
func Logger(t testing.TB) *slog.Logger {
	if os.Getenv("JUBAKO_TEST_LOG") == "" {
		return slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return slog.New(slog.NewTextHandler(tWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type tWriter struct{ t testing.TB }

func (w tWriter) Write(b []byte) (int, error) {
	w.t.Log(string(b))
	return len(b), nil
}
