// Package host assembles a process with fx: configuration, logging, the
// database, the broker, the bus, the outbox, the HTTP gateway and the gRPC
// server, plus the modules given to it. cmd/jubako is its only production caller; tests
// build processes with it too.
package host

import (
	"context"
	"errors"
	"log/slog"
	"os"

	"go.uber.org/fx"
	"go.uber.org/fx/fxevent"

	"github.com/jubako/jubako/migrations"
	"github.com/jubako/jubako/platform/auth"
	"github.com/jubako/jubako/platform/broker"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/config"
	"github.com/jubako/jubako/platform/console"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/experiment"
	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/platform/grpcserver"
	"github.com/jubako/jubako/platform/logging"
	"github.com/jubako/jubako/platform/outbox"
	"github.com/jubako/jubako/platform/remote"
	"github.com/jubako/jubako/platform/resilience"
	"github.com/jubako/jubako/platform/saga"
	"github.com/jubako/jubako/platform/telemetry"
)

// Params tune a process beyond configuration.
type Params struct {
	// Logger replaces the configured stderr logger (tests use it).
	Logger *slog.Logger
	// Remote lists the modules this binary does not link: their endpoints
	// and public routes are reached over HTTP (see package remote).
	Remote []string
}

// New builds the fx application for cfg with the given modules.
func New(src *config.Source, cfg Config, p Params, modules ...fx.Option) *fx.App {
	urls, err := remote.URLs(p.Remote, cfg.Modules, cfg.Service)
	if err == nil && len(p.Remote) > 0 && cfg.Auth.SigningKey == "" {
		err = config.Invalid("auth.signing_key", "", "is required when modules run in several processes: they must verify each other's tokens (JUBAKO_AUTH_SIGNING_KEY)")
	}
	if err != nil {
		return fx.New(fx.WithLogger(func() fxevent.Logger { return fxevent.NopLogger }), fx.Error(err))
	}
	return build(src, cfg, p, fx.Module("migrate", fx.Invoke(migrateOnStart)), faults, fx.Options(modules...),
		fx.Supply(remoteURLs(urls)), fx.Invoke(connect, countSagaEnds, start, mountConsole))
}

// remoteURLs maps each module not linked here to its process's address.
type remoteURLs map[string]string

// connect routes the endpoints and public paths of remote modules to their
// processes and serves this process's endpoints to the others: to callers
// with the service token, that is to nobody when it has none.
func connect(g *gateway.Gateway, b *bus.Bus, h *Health, cfg remote.Config, urls remoteURLs) {
	client := remote.NewClient()
	g.TrustForwarded(cfg.Token)
	for m, u := range urls {
		b.Route(m, remote.NewTransport(m, u, cfg, client))
		remote.Forward(g, m, u, client, cfg.Token)
		h.remotes = append(h.remotes, remoteCheck{module: m, check: func(ctx context.Context) error { return remote.Check(ctx, client, u) }})
	}
	remote.Serve(g, b, cfg)
}

// build assembles the platform, then opts. fx runs the invokes of modules
// (fx.Module) in the order given, then the top-level ones: migrations are
// a module placed first, so they run before every module's start hooks.
func build(src *config.Source, cfg Config, p Params, opts ...fx.Option) *fx.App {
	return fx.New(
		fx.WithLogger(func() fxevent.Logger { return fxevent.NopLogger }),
		fx.Supply(src, cfg.Auth, cfg.Database, cfg.Redis, cfg.Outbox, cfg.Saga, cfg.Service, cfg.Debug, cfg.GRPC, cfg.Resilience),
		fx.Provide(
			func(d gateway.DeclaredRoutes) (Config, gateway.Config, error) {
				return withCacheRoutes(src, cfg, d.Routes)
			},
			func() *slog.Logger {
				log := p.Logger
				if log == nil {
					log = logging.New(cfg.Log, os.Stderr)
				}
				return slog.New(telemetry.LogHandler{Handler: log.Handler()})
			},
			func(lc fx.Lifecycle) (*telemetry.Telemetry, error) {
				t, err := telemetry.New(cfg.Telemetry, "jubako@"+cfg.HTTP.Addr)
				if err == nil {
					lc.Append(fx.StopHook(t.Shutdown))
				}
				return t, err
			},
			telemetry.NewMetrics, resilience.New, newBus, openDB, openBroker, newOutbox, newGateway, newHealth, saga.NewEngine, auth.Load, newGRPC,
		),
		Migration(migrations.For("jubako")),
		experiments,
		fx.Options(opts...),
	)
}

// Migration contributes an owner's migrations to the process.
func Migration(m db.Migration) fx.Option {
	return fx.Supply(fx.Annotate(m, fx.ResultTags(`group:"migrations"`)))
}

// Module declares a module that runs in this process.
func Module(name string, opts ...fx.Option) fx.Option {
	return fx.Module(name, append(opts, fx.Invoke(func(b *bus.Bus) { b.AddModule(name) }))...)
}

// Section provides a module's configuration section, decoded over defaults
// and validated; the console's Config page shows it, secrets redacted.
func Section[T any](name string, defaults T) fx.Option {
	return fx.Options(
		fx.Provide(func(src *config.Source) (T, error) {
			c := defaults
			return c, src.Decode(name, &c)
		}),
		fx.Provide(fx.Annotate(func(c T) console.Section { return console.Section{Name: name, Value: c} },
			fx.ResultTags(sectionsGroup))),
	)
}

// newBus returns the process's bus whose chain starts with metrics (which
// see the calling module and the outcome the caller gets), the resilience
// policies (which must see the calling module too: tracing marks the
// context with the called one) and tracing (a span per try).
func newBus(m *telemetry.Metrics, r *resilience.Resilience) *bus.Bus {
	b := bus.New()
	b.Use(m.Bus, r.Bus, telemetry.Bus)
	return b
}

func openDB(lc fx.Lifecycle, cfg db.Config, log *slog.Logger) (*db.DB, error) {
	d, err := db.Open(cfg, log)
	if err != nil {
		return nil, err
	}
	lc.Append(fx.StopHook(d.Close))
	return d, nil
}

func openBroker(lc fx.Lifecycle, cfg broker.Config, log *slog.Logger) (*broker.Broker, error) {
	b, err := broker.Open(cfg, log)
	if err != nil {
		return nil, err
	}
	lc.Append(fx.StopHook(b.Close))
	return b, nil
}

func newOutbox(cfg outbox.Config, d *db.DB, b *broker.Broker, bs *bus.Bus, log *slog.Logger) *outbox.Outbox {
	return outbox.New(cfg, d, b, bs, log)
}

type migrateOnStartParams struct {
	fx.In
	Lifecycle  fx.Lifecycle
	DB         *db.DB
	Health     *Health
	Gateway    *gateway.Gateway
	Log        *slog.Logger
	Migrations []db.Migration `group:"migrations"`
}

// migrateOnStart applies migrations first thing at start, before any
// module's own start hook (seeding, say) runs.
func migrateOnStart(p migrateOnStartParams) {
	p.Lifecycle.Append(fx.StartHook(func(ctx context.Context) error {
		p.Gateway.PrepareAPI() // built meanwhile; the gateway's start waits for it
		if err := db.Migrate(ctx, p.DB, p.Migrations, p.Log); err != nil {
			return err
		}
		p.Health.migrated.Store(true)
		return nil
	}))
}

// start runs after the modules' hooks: deliver messages, then accept
// requests (HTTP, then gRPC). Stop runs backwards, so requests drain
// before handlers do.
func start(lc fx.Lifecycle, o *outbox.Outbox, g *gateway.Gateway, gs *grpcserver.Server, b *bus.Bus, e *saga.Engine, m *telemetry.Metrics,
	t *telemetry.Telemetry, d *db.DB, br *broker.Broker, urls remoteURLs, keys *auth.Keys, svc remote.Config, debug DebugConfig,
	res *resilience.Resilience, runner *experiment.Runner) {
	mountAdmin(g, o, e, runner)
	mountBreakers(g, b, res)
	mountTraces(g, t, urls)
	m.Registry.MustRegister(newStateCollector(d, o, br))
	g.App.Get("/metrics", metricsGuard(keys, svc), m.Handler())
	mountPprof(g, debug, metricsGuard(keys, svc))
	lc.Append(fx.Hook{OnStart: o.Start, OnStop: o.Stop})
	serveGRPC(lc, gs, g)
}

// Migrate applies the migrations of the platform and the modules, then
// returns without serving.
func Migrate(src *config.Source, cfg Config, modules ...fx.Option) error {
	var (
		d    *db.DB
		log  *slog.Logger
		migs migrateParams
	)
	// The modules' HTTP routes need the gateway, whose edge handlers need
	// the fault store; nothing starts, nothing is served.
	a := build(src, cfg, Params{}, faults, fx.Supply(remoteURLs(nil)), fx.Options(modules...), fx.Populate(&d, &log, &migs))
	if err := a.Err(); err != nil {
		return err
	}
	defer d.Close()
	return db.Migrate(context.Background(), d, migs.Migrations, log)
}

type migrateParams struct {
	fx.In
	Migrations []db.Migration `group:"migrations"`
}

// Serve runs a process until ctx is done — cmd/jubako passes a context
// that SIGINT and SIGTERM cancel — then stops it: requests drain within
// http.shutdown_timeout, handlers within outbox.drain_timeout.
func Serve(ctx context.Context, src *config.Source, cfg Config, p Params, modules ...fx.Option) error {
	a := New(src, cfg, p, modules...)
	if err := a.Err(); err != nil {
		return err
	}
	if err := a.Start(ctx); err != nil {
		if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
			// Stopped while starting: fx stopped what had started.
			return nil
		}
		return err
	}
	<-ctx.Done()
	stopCtx, cancel := context.WithTimeout(context.Background(), cfg.HTTP.ShutdownTimeout+cfg.Outbox.DrainTimeout)
	defer cancel()
	return a.Stop(stopCtx)
}
