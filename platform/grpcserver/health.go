package grpcserver

import (
	"context"
	"slices"
	"time"

	"google.golang.org/grpc/health"
	healthgrpc "google.golang.org/grpc/health/grpc_health_v1"
)

// healthService is grpc's health server whose Check runs the readiness
// checks there and then, as /readyz does; Watch and List read the
// statuses that watchReadiness keeps current. After a drain started, the
// statuses stay NOT_SERVING (health.Server ignores changes after Shutdown).
type healthService struct {
	*health.Server
	update func(context.Context)
}

// Check updates the statuses, then answers the one asked for.
func (h healthService) Check(ctx context.Context, req *healthgrpc.HealthCheckRequest) (*healthgrpc.HealthCheckResponse, error) {
	h.update(ctx)
	return h.Server.Check(ctx, req)
}

// Readiness runs the process's readiness checks (those of /readyz): ready
// tells whether the process's own ones pass (database, Redis, migrations);
// down names the modules of other processes that do not answer.
type Readiness func(ctx context.Context) (ready bool, down []string)

// healthInterval is how often the statuses that Watch streams follow the
// checks.
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
		return // the call or the server is ending: the checks did not finish
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
