package grpcserver_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"slices"
	"sync"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	healthgrpc "google.golang.org/grpc/health/grpc_health_v1"
	reflectiongrpc "google.golang.org/grpc/reflection/grpc_reflection_v1"
	"google.golang.org/grpc/status"

	"github.com/jubako/jubako/platform/grpcserver"
	"github.com/jubako/jubako/platform/testkit"
)

func healthClient(conn *grpc.ClientConn) healthgrpc.HealthClient {
	return healthgrpc.NewHealthClient(conn)
}

func healthRequest(service string) *healthgrpc.HealthCheckRequest {
	return &healthgrpc.HealthCheckRequest{Service: service}
}

// readiness is a Readiness the test sets.
type readiness struct {
	mu    sync.Mutex
	ready bool
	down  []string
}

func (r *readiness) check(context.Context) (bool, []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.ready, r.down
}

func (r *readiness) set(ready bool, down ...string) {
	r.mu.Lock()
	r.ready, r.down = ready, down
	r.mu.Unlock()
}

// TestHealthFollowsReadiness: the server ("") is SERVING when every check
// passes, as /readyz; a service is NOT_SERVING while the process is not
// ready or a module it needs is down, and SERVING while another module is.
func TestHealthFollowsReadiness(t *testing.T) {
	r := &readiness{ready: true}
	s, err := grpcserver.New(grpcserver.Options{
		Config:   grpcserver.Config{Addr: "127.0.0.1:0"},
		Services: []grpcserver.Service{{Desc: &echoDesc, Impl: &echo{}, Module: "echo", Needs: []string{"ledger"}}},
		Ready:    r.check, ShutdownTimeout: time.Second, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Drain(context.Background()); _ = s.Wait(context.Background()) })
	health := healthClient(dial(t, s.Addr()))
	serving, notServing := healthgrpc.HealthCheckResponse_SERVING, healthgrpc.HealthCheckResponse_NOT_SERVING
	for _, tc := range []struct {
		name          string
		ready         bool
		down          []string
		server, there healthgrpc.HealthCheckResponse_ServingStatus
	}{
		{"ready", true, nil, serving, serving},
		{"a module it does not need is down", true, []string{"mail"}, notServing, serving},
		{"a module it needs is down", true, []string{"ledger"}, notServing, notServing},
		{"the database does not answer", false, nil, notServing, notServing},
		{"ready again", true, nil, serving, serving},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r.set(tc.ready, tc.down...)
			var got [2]healthgrpc.HealthCheckResponse_ServingStatus
			testkit.Eventually(t, 5*time.Second, func() bool {
				for i, name := range []string{"", "test.Echo"} {
					res, err := health.Check(context.Background(), healthRequest(name))
					got[i] = res.GetStatus()
					if err != nil {
						t.Fatal(err)
					}
				}
				return got == [2]healthgrpc.HealthCheckResponse_ServingStatus{tc.server, tc.there}
			}, func() string { return "server and test.Echo " + got[0].String() + ", " + got[1].String() })
		})
	}
	if _, err := health.Check(context.Background(), healthRequest("test.Nothing")); status.Code(err) != codes.NotFound {
		t.Errorf("an unknown service: %v, want NOT_FOUND", err)
	}
}

// TestReflectionListsTheServices: a client such as grpcurl finds the
// registered services, health and reflection.
func TestReflectionListsTheServices(t *testing.T) {
	_, _, conn := startEcho(t, nil)
	stream, err := reflectiongrpc.NewServerReflectionClient(conn).ServerReflectionInfo(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := stream.Send(&reflectiongrpc.ServerReflectionRequest{MessageRequest: &reflectiongrpc.ServerReflectionRequest_ListServices{}}); err != nil {
		t.Fatal(err)
	}
	res, err := stream.Recv()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range res.GetListServicesResponse().GetService() {
		names = append(names, s.GetName())
	}
	for _, want := range []string{"test.Echo", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection"} {
		if !slices.Contains(names, want) {
			t.Errorf("services %v, want %s among them", names, want)
		}
	}
}

// TestAnAddressInUseFailsTheStart names the address.
func TestAnAddressInUseFailsTheStart(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	s, err := grpcserver.New(grpcserver.Options{
		Config:   grpcserver.Config{Addr: ln.Addr().String()},
		Services: []grpcserver.Service{{Desc: &echoDesc, Impl: &echo{}, Module: "echo"}}, Log: slog.Default(),
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Start(context.Background()); err == nil {
		t.Error("started on an address in use")
	}
}
