package grpcserver

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	otelcodes "go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	"github.com/jubako/jubako/platform/experiment"
	"github.com/jubako/jubako/platform/telemetry"
	"github.com/jubako/jubako/shared"
)

// unary serves every unary call. A call of a registered service continues
// its caller's trace in a server span, runs in its module under a
// deadline, passes the token check of restricted methods, answers a
// status and is logged once. Health checks and reflection are only
// counted and kept from panicking.
func (s *Server) unary(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
	s.inflight.Add(1)
	defer s.inflight.Add(-1)
	service, method := split(info.FullMethod)
	svc, ok := s.services[service]
	if !ok {
		return safely(ctx, s.log, handler, req)
	}
	start := time.Now()
	ctx, span := s.startSpan(ctx, info.FullMethod, svc, method)
	defer span.End()
	ctx, cancel := s.bound(ctx)
	defer cancel()
	resp, err := s.serve(ctx, req, svc, method, handler)
	st := Status(ctx, err)
	s.finish(ctx, span, info.FullMethod, st, err, time.Since(start))
	return resp, st.Err()
}

func (s *Server) serve(ctx context.Context, req any, svc Service, method string, handler grpc.UnaryHandler) (any, error) {
	if svc.restricted(method) {
		if err := authorize(ctx, s.opts.Token, s.opts.Keys); err != nil {
			return nil, err
		}
	}
	return safely(ctx, s.log, handler, req)
}

// safely runs handler, turning a panic into an internal error.
func safely(ctx context.Context, log *slog.Logger, handler grpc.UnaryHandler, req any) (resp any, err error) {
	defer func() {
		if r := recover(); r != nil {
			log.ErrorContext(ctx, "grpc handler panicked", "panic", r, "stack", string(debug.Stack()))
			resp, err = nil, shared.Errorf(shared.CodeInternal, "panic: %v", r)
		}
	}()
	return handler(ctx, req)
}

// startSpan continues the trace context of the call's metadata, puts the
// module in the context and answers the trace context in the response
// header, as the HTTP gateway does.
func (s *Server) startSpan(ctx context.Context, fullMethod string, svc Service, method string) (context.Context, trace.Span) {
	ctx = otel.GetTextMapPropagator().Extract(ctx, carrier(incoming(ctx)))
	// gRPC callers are outside the topology: no experiment cohort of
	// theirs is believed.
	ctx = experiment.Strip(ctx)
	ctx, span := telemetry.Tracer().Start(ctx, strings.TrimPrefix(fullMethod, "/"), trace.WithSpanKind(trace.SpanKindServer),
		trace.WithAttributes(attribute.String("rpc.system", "grpc"), attribute.String("rpc.service", svc.Desc.ServiceName),
			attribute.String("rpc.method", method), attribute.String(telemetry.AttrModule, svc.Module)))
	header := metadata.MD{}
	otel.GetTextMapPropagator().Inject(ctx, carrier(header))
	_ = grpc.SetHeader(ctx, header)
	return telemetry.WithModule(ctx, svc.Module), span
}

// bound gives a call without a deadline the handler timeout; a caller's
// deadline is kept as it is.
func (s *Server) bound(ctx context.Context) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok || s.opts.HandlerTimeout <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, s.opts.HandlerTimeout)
}

// finish records the outcome on the span and logs the call: at ERROR with
// the error when the server is at fault, at INFO otherwise.
func (s *Server) finish(ctx context.Context, span trace.Span, fullMethod string, st *status.Status, err error, took time.Duration) {
	span.SetAttributes(attribute.Int("rpc.grpc.status_code", int(st.Code())))
	attrs := []any{"method", fullMethod, "code", st.Code().String(), "duration_ms", float64(took.Microseconds()) / 1000}
	if serverFault(st.Code()) {
		span.SetStatus(otelcodes.Error, st.Message())
		s.log.ErrorContext(ctx, "rpc failed", append(attrs, "error", fmt.Sprint(err))...)
		return
	}
	s.log.InfoContext(ctx, "rpc", attrs...)
}

// serverFault tells the codes that say the server, not the call, failed.
func serverFault(c codes.Code) bool {
	return c == codes.Internal || c == codes.Unknown || c == codes.Unavailable || c == codes.DataLoss
}

// split cuts "/pkg.Service/Method" into the service and the method.
func split(fullMethod string) (service, method string) {
	service, method, _ = strings.Cut(strings.TrimPrefix(fullMethod, "/"), "/")
	return service, method
}
