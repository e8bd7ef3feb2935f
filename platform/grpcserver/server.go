// Package grpcserver is a process's gRPC server: one listener (grpc.addr)
// for the services modules register (Register), with the standard health
// service following the process's readiness and server reflection. Every
// call of a registered service continues the caller's W3C trace context,
// runs under the caller's deadline (or http.handler_timeout when it brings
// none), names its module in logs, spans and bus metrics, and answers
// shared.Error values as gRPC statuses (Status; ErrorOf turns them back).
// The server starts and drains with the HTTP gateway. It knows no module:
// modules bring their services, descriptors included.
package grpcserver

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"sync/atomic"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/health"
	healthgrpc "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/reflection"

	"github.com/jubako/jubako/platform/auth"
)

// Options build a Server.
type Options struct {
	Config   Config
	Services []Service
	// ShutdownTimeout bounds the drain of calls in flight at stop.
	ShutdownTimeout time.Duration
	// HandlerTimeout is the deadline of a call that brings none.
	HandlerTimeout time.Duration
	// Token is the service token restricted methods accept.
	Token string
	// Keys verify the admin tokens restricted methods accept.
	Keys *auth.Keys
	// Ready runs the process's readiness checks; nil: always ready.
	Ready Readiness
	Log   *slog.Logger
}

// Server serves the registered services on Config.Addr.
type Server struct {
	opts     Options
	grpc     *grpc.Server
	health   *health.Server
	services map[string]Service
	log      *slog.Logger
	ln       net.Listener
	// inflight counts unary calls being served, for the drain.
	inflight    atomic.Int64
	stopWatch   context.CancelFunc
	gracefulEnd chan struct{}
}

// New registers the services, health and reflection on a new server.
func New(o Options) (*Server, error) {
	s := &Server{opts: o, health: health.NewServer(), services: map[string]Service{}, log: o.Log.With("component", "grpc")}
	s.grpc = grpc.NewServer(grpc.UnaryInterceptor(s.unary))
	for _, svc := range o.Services {
		if err := svc.check(); err != nil {
			return nil, err
		}
		if _, dup := s.services[svc.Desc.ServiceName]; dup {
			return nil, fmt.Errorf("grpcserver: %s registered twice", svc.Desc.ServiceName)
		}
		s.services[svc.Desc.ServiceName] = svc
		s.grpc.RegisterService(svc.Desc, svc.Impl)
	}
	healthgrpc.RegisterHealthServer(s.grpc, healthService{Server: s.health, update: s.updateHealth})
	reflection.Register(s.grpc)
	return s, nil
}

// Start listens and serves in the background, unless grpc.addr is empty or
// no module of this process registered a service.
func (s *Server) Start(context.Context) error {
	switch {
	case s.opts.Config.Addr == "":
		return nil
	case len(s.services) == 0:
		s.log.Info("not listening: no module of this process serves gRPC", "addr", s.opts.Config.Addr)
		return nil
	}
	ln, err := net.Listen("tcp", s.opts.Config.Addr)
	if err != nil {
		return fmt.Errorf("grpc: %w", err)
	}
	s.ln, s.gracefulEnd = ln, make(chan struct{})
	watch, stop := context.WithCancel(context.Background())
	s.stopWatch = stop
	s.updateHealth(watch)
	go s.watchReadiness(watch)
	s.log.Info("listening", "addr", ln.Addr().String(), "services", len(s.services))
	go func() {
		if err := s.grpc.Serve(ln); err != nil {
			s.log.Error("grpc server stopped", "error", err)
		}
	}()
	return nil
}

// Addr is the address listened on, "" when the server does not listen.
func (s *Server) Addr() string {
	if s.ln == nil {
		return ""
	}
	return s.ln.Addr().String()
}

// Drain starts the stop without waiting: health turns NOT_SERVING, new
// connections are refused, calls in flight go on. The process drains HTTP
// meanwhile, then Wait ends the drain.
func (s *Server) Drain(context.Context) error {
	if s.ln == nil {
		return nil
	}
	s.stopWatch()
	s.health.Shutdown()
	go func() {
		s.grpc.GracefulStop()
		close(s.gracefulEnd)
	}()
	return nil
}

// Wait waits, up to the shutdown timeout, for the calls in flight to
// finish, then closes what is left: streams that carry no call (a health
// Watch, say) do not hold the stop up.
func (s *Server) Wait(ctx context.Context) error {
	if s.ln == nil {
		return nil
	}
	limit := time.NewTimer(s.opts.ShutdownTimeout)
	defer limit.Stop()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-s.gracefulEnd:
			return nil
		case <-tick.C:
			if s.inflight.Load() > 0 {
				continue
			}
		case <-limit.C:
		case <-ctx.Done():
		}
		s.grpc.Stop()
		<-s.gracefulEnd
		return nil
	}
}
