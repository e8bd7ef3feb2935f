package host

import (
	"context"
	"log/slog"
	"strings"

	"go.uber.org/fx"

	"github.com/jubako/jubako/platform/auth"
	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/platform/grpcserver"
	"github.com/jubako/jubako/platform/remote"
)

type grpcParams struct {
	fx.In
	Config   grpcserver.Config
	HTTP     gateway.Config
	Service  remote.Config
	Keys     *auth.Keys
	Health   *Health
	Log      *slog.Logger
	Services []grpcserver.Service `group:"grpc_services"`
}

// newGRPC builds the process's gRPC server from the services its modules
// register: its calls drain and time out as HTTP requests do, and its
// health follows /readyz.
func newGRPC(p grpcParams) (*grpcserver.Server, error) {
	return grpcserver.New(grpcserver.Options{
		Config: p.Config, Services: p.Services, ShutdownTimeout: p.HTTP.ShutdownTimeout, HandlerTimeout: p.HTTP.HandlerTimeout,
		Token: p.Service.Token, Keys: p.Keys, Ready: p.Health.readiness, Log: p.Log,
	})
}

// readiness is Checks as the gRPC health service reads it: whether the
// process's own checks pass, and which remote modules are down.
func (h *Health) readiness(ctx context.Context) (ready bool, down []string) {
	ready = true
	for _, c := range h.Checks(ctx) {
		switch m, remote := strings.CutPrefix(c.Name, remoteCheckPrefix); {
		case c.OK:
		case remote:
			down = append(down, m)
		default:
			ready = false
		}
	}
	return ready, down
}

// serveGRPC starts the gRPC server after the HTTP gateway. At stop, both
// drain at once: the server's drain begins before the gateway's and is
// waited for after it.
func serveGRPC(lc fx.Lifecycle, s *grpcserver.Server, g *gateway.Gateway) {
	lc.Append(fx.Hook{OnStop: s.Wait})
	lc.Append(fx.Hook{OnStart: g.Start, OnStop: g.Stop})
	lc.Append(fx.Hook{OnStart: s.Start, OnStop: s.Drain})
}
