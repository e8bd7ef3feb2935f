// Package telemetry gives a process traces, logs and metrics that follow a
// request everywhere it goes: OpenTelemetry spans for HTTP requests, bus
// calls, outbox dispatch, deliveries and saga steps — carried through the
// outbox row and the asynq task, and across processes in split mode, so a
// checkout is one trace — kept in an in-memory ring for the console and
// exported over OTLP/HTTP when configured; slog lines that carry trace_id,
// span_id and module; and Prometheus metrics at /metrics.
package telemetry

import (
	"context"
	"fmt"
	"sync"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	semconv "go.opentelemetry.io/otel/semconv/v1.26.0"
	"go.opentelemetry.io/otel/trace"
)

// Attribute keys jubako sets on spans.
const (
	AttrModule   = "jubako.module"
	AttrKind     = "jubako.kind"
	AttrRemote   = "jubako.remote"
	AttrMessage  = "jubako.message_id"
	AttrSaga     = "jubako.saga_id"
	AttrErrCode  = "jubako.error_code"
	instrumentor = "github.com/jubako/jubako"
)

// Telemetry is a process's tracing: its provider and the ring the console
// reads.
type Telemetry struct {
	Ring     *Ring
	provider *sdktrace.TracerProvider
}

// New builds the tracer provider and installs it — with the W3C trace
// context propagator — as the process's global one.
func New(cfg Config, service string) (*Telemetry, error) {
	if cfg.Service != "" {
		service = cfg.Service
	}
	ring := NewRing(cfg.Ring, service)
	opts := []sdktrace.TracerProviderOption{
		sdktrace.WithSampler(sdktrace.ParentBased(sdktrace.TraceIDRatioBased(cfg.Sampling))),
		sdktrace.WithSpanProcessor(ring),
		sdktrace.WithResource(resource.NewSchemaless(semconv.ServiceName(service))),
	}
	if cfg.OTLP.Endpoint != "" {
		exp, err := otlptracehttp.New(context.Background(), otlptracehttp.WithEndpointURL(cfg.OTLP.Endpoint))
		if err != nil {
			return nil, fmt.Errorf("telemetry: otlp exporter: %w", err)
		}
		opts = append(opts, sdktrace.WithBatcher(exp))
	}
	t := &Telemetry{Ring: ring, provider: sdktrace.NewTracerProvider(opts...)}
	otel.SetTracerProvider(t.provider)
	otel.SetTextMapPropagator(propagation.NewCompositeTextMapPropagator(propagation.TraceContext{}, propagation.Baggage{}))
	return t, nil
}

// Shutdown flushes exporters.
func (t *Telemetry) Shutdown(ctx context.Context) error { return t.provider.Shutdown(ctx) }

// Tracer is jubako's tracer on the global provider, so that code without a
// process at hand (a saga step, say) records into the same one.
func Tracer() trace.Tracer { return otel.Tracer(instrumentor) }

type moduleKey struct{}

// moduleNames interns the module names put in contexts, so that marking a
// context costs one allocation, not two (a string in an interface would be
// boxed at every call).
var moduleNames = struct {
	sync.RWMutex
	m map[string]*string
}{m: map[string]*string{}}

// WithModule marks ctx as running inside module, for log lines. A ctx
// already marked so is returned as it is.
func WithModule(ctx context.Context, module string) context.Context {
	if ModuleOf(ctx) == module {
		return ctx
	}
	return context.WithValue(ctx, moduleKey{}, internModule(module))
}

func internModule(module string) *string {
	moduleNames.RLock()
	name, ok := moduleNames.m[module]
	moduleNames.RUnlock()
	if ok {
		return name
	}
	return addModule(module)
}

// addModule interns a module name seen for the first time (apart from
// internModule, whose argument then stays on the stack).
func addModule(module string) *string {
	moduleNames.Lock()
	defer moduleNames.Unlock()
	name, ok := moduleNames.m[module]
	if !ok {
		name = &module
		moduleNames.m[module] = name
	}
	return name
}

// ModuleOf returns the module ctx runs in, or "".
func ModuleOf(ctx context.Context) string {
	if m, ok := ctx.Value(moduleKey{}).(*string); ok {
		return *m
	}
	return ""
}
