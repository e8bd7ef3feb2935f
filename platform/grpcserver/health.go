package grpcserver

import (
	"context"
	"slices"
	"time"

	healthgrpc "google.golang.org/grpc/health/grpc_health_v1"
)

// Readiness runs the process's readiness checks (those of /readyz): ready
// tells whether the process's own ones pass (database, Redis, migrations);
// down names the modules of other processes that do not answer.
type Readiness func(ctx context.Context) (ready bool, down []string)

// healthInterval is how often the health statuses follow the checks.
const healthInterval = time.Second

func (s *Server) watchReadiness(ctx context.Context) {
	tick := time.NewTicker(healthInterval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			s.updateHealth(ctx)
		}
	}
}

// updateHealth sets the status of the server ("") as /readyz answers, and
// of each service: SERVING when the process is ready and none of the
// modules it needs is down.
func (s *Server) updateHealth(ctx context.Context) {
	ready, down := true, []string(nil)
	if s.opts.Ready != nil {
		ready, down = s.opts.Ready(ctx)
	}
	if ctx.Err() != nil {
		return // stopping: Drain has set NOT_SERVING
	}
	s.health.SetServingStatus("", servingIf(ready && len(down) == 0))
	for name, svc := range s.services {
		needed := slices.ContainsFunc(svc.Needs, func(m string) bool { return slices.Contains(down, m) })
		s.health.SetServingStatus(name, servingIf(ready && !needed))
	}
}

func servingIf(ok bool) healthgrpc.HealthCheckResponse_ServingStatus {
	if ok {
		return healthgrpc.HealthCheckResponse_SERVING
	}
	return healthgrpc.HealthCheckResponse_NOT_SERVING
}
