package resilience_test

import (
	"context"
	"maps"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
	"go.uber.org/fx"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/platform/host"
	"github.com/jubako/jubako/platform/telemetry"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// The stub module exists only in these tests: a provider whose health the
// test sets, with a query that may answer from its last good reply, a
// query that may not, and a write.
type readRequest struct {
	Key string `json:"key"`
}

type readReply struct {
	Value string `json:"value"`
	Seq   int64  `json:"seq"`
}

type writeRequest struct {
	Key string `json:"key"`
}

var (
	read  = bus.Endpoint[readRequest, readReply]("stub.Read", bus.Idempotent(), bus.LastGood())
	query = bus.Endpoint[readRequest, readReply]("stub.Query", bus.Idempotent())
	write = bus.Endpoint[writeRequest, readReply]("stub.Write")

	errDown     = shared.Errorf(shared.CodeUnavailable, "the stub's database is down")
	errConflict = shared.NewReason(shared.CodeConflict, "taken", "already taken")
)

// provider is the stub's behaviour and what it saw.
type provider struct {
	mode  atomic.Value // "ok", "down", "conflict"
	delay atomic.Int64 // nanoseconds each call takes
	runs  atomic.Int64 // calls that reached the handler
	seq   atomic.Int64
}

func newProvider() *provider {
	p := &provider{}
	p.mode.Store("ok")
	return p
}

func (p *provider) module() fx.Option {
	return host.Module("stub", fx.Invoke(func(b *bus.Bus) {
		read.Handle(b, p.handle)
		query.Handle(b, p.handle)
		write.Handle(b, func(ctx context.Context, r writeRequest) (readReply, error) {
			return p.handle(ctx, readRequest(r))
		})
	}))
}

func (p *provider) handle(ctx context.Context, r readRequest) (readReply, error) {
	p.runs.Add(1)
	if d := time.Duration(p.delay.Load()); d > 0 {
		select {
		case <-time.After(d):
		case <-ctx.Done():
			return readReply{}, ctx.Err()
		}
	}
	switch p.mode.Load() {
	case "down":
		return readReply{}, errDown
	case "conflict":
		return readReply{}, errConflict
	}
	return readReply{Value: "value of " + r.Key, Seq: p.seq.Add(1)}, nil
}

// edge is the caller's HTTP route that answers from stub.Read, to see
// what a client of the edge sees.
func edge() fx.Option {
	return host.Module("edge", fx.Invoke(func(b *bus.Bus, g *gateway.Gateway) {
		g.API("edge").Get("/read/:key", func(c *fiber.Ctx) error {
			rep, err := read.Call(c.UserContext(), b, readRequest{Key: c.Params("key")})
			if err != nil {
				return err
			}
			return c.JSON(rep)
		})
	}))
}

// harness is a caller's process and the stub's provider, in one process
// ("local") or in two, the caller reaching the stub over HTTP ("remote").
type harness struct {
	*provider
	caller *testkit.Process
}

// policyTest are quick policies for tests, which settings override.
var policyTest = testkit.Settings{
	"service.token":                  "resilience-test-token",
	"resilience.default.timeout":     "2s",
	"resilience.default.retries":     2,
	"resilience.default.backoff":     "5ms",
	"resilience.default.backoff_max": "10ms",
	"resilience.default.failures":    3,
	"resilience.default.open_for":    "300ms",
	"resilience.default.probes":      1,
}

// each runs fn against every backend, with the stub local and remote.
func each(t *testing.T, settings testkit.Settings, fn func(t *testing.T, h harness)) {
	all := maps.Clone(policyTest)
	maps.Copy(all, settings)
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		t.Run("local", func(t *testing.T) {
			p := newProvider()
			fn(t, harness{p, testkit.Start(t, be, all, p.module(), edge())})
		})
		t.Run("remote", func(t *testing.T) {
			p := newProvider()
			server := testkit.Start(t, be, testkit.Settings{"service.token": all["service.token"]}, p.module())
			remote := maps.Clone(all)
			remote["modules.stub.url"] = server.URL
			fn(t, harness{p, testkit.StartWith(t, testkit.Options{Backend: testkit.SQLite(t), Settings: remote, Remote: []string{"stub"}, Modules: []fx.Option{edge()}})})
		})
	})
}

// as is a context whose calls come from module.
func as(t *testing.T, module string) context.Context {
	return telemetry.WithModule(t.Context(), module)
}

// describe shows an error's code, reason and message, for failures.
func describe(err error) string {
	if err == nil {
		return "no error"
	}
	e := shared.AsError(err)
	return string(e.Code) + "/" + e.Reason + ": " + e.Message
}
