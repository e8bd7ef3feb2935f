package telemetry

import (
	"context"
	"maps"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

// Metrics is a process's Prometheus registry with jubako's series.
type Metrics struct {
	Registry     *prometheus.Registry
	httpRequests *prometheus.CounterVec
	httpDuration *prometheus.HistogramVec
	busCalls     *prometheus.CounterVec
	busDuration  *prometheus.HistogramVec
	// series caches the children of the bus vectors: resolving labels on
	// every call would cost more than the call itself.
	// It is replaced whole on a new series (copy on write), so that
	// lookups take no lock.
	mu     sync.Mutex
	series atomic.Pointer[map[busSeries]*busChildren]
}

type busSeries struct{ caller, module, endpoint, kind, result string }

type busChildren struct {
	calls    prometheus.Counter
	duration prometheus.Observer
}

// NewMetrics registers the HTTP and bus series, and Go's own.
func NewMetrics() *Metrics {
	m := &Metrics{
		Registry: prometheus.NewRegistry(),

		httpRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "jubako_http_requests_total", Help: "HTTP requests by route, method and status.",
		}, []string{"route", "method", "status"}),
		httpDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "jubako_http_request_duration_seconds", Help: "HTTP request latency by route.", Buckets: prometheus.DefBuckets,
		}, []string{"route", "method"}),
		busCalls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "jubako_bus_calls_total", Help: "Bus calls and deliveries by caller module, endpoint or topic, kind and result.",
		}, []string{"caller", "module", "endpoint", "kind", "result"}),
		busDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "jubako_bus_call_duration_seconds", Help: "Bus call latency by endpoint or topic.",
			Buckets: []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"endpoint", "kind"}),
	}
	m.Registry.MustRegister(m.httpRequests, m.httpDuration, m.busCalls, m.busDuration,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// HTTP counts requests and their latency by route pattern.
func (m *Metrics) HTTP() fiber.Handler {
	return func(c *fiber.Ctx) error {
		start := time.Now()
		err := Next(c)
		// fiber's strings point into buffers it reuses: labels need copies.
		route, method := RouteOf(c), strings.Clone(c.Method())
		m.httpRequests.WithLabelValues(route, method, strconv.Itoa(c.Response().StatusCode())).Inc()
		m.httpDuration.WithLabelValues(route, method).Observe(time.Since(start).Seconds())
		return err
	}
}

// Bus counts calls and deliveries with their result (ok or the error code)
// and latency. The caller is the module the call comes from — for an HTTP
// handler, the module owning its route (SetModule) — or "gateway" when it
// comes from no module: the console draws the module map from it.
func (m *Metrics) Bus(next bus.Handler) bus.Handler {
	return func(ctx context.Context, c *bus.Call) error {
		start := time.Now()
		err := next(ctx, c)
		key := busSeries{caller: ModuleOf(ctx), module: c.Module, endpoint: c.Name, kind: c.Kind.String(), result: "ok"}
		if key.caller == "" {
			key.caller = "gateway"
		}
		if err != nil {
			key.result = string(shared.CodeOf(err))
		}
		s := m.children(key)
		s.calls.Inc()
		s.duration.Observe(time.Since(start).Seconds())
		return err
	}
}

func (m *Metrics) children(k busSeries) *busChildren {
	if cur := m.series.Load(); cur != nil {
		if s, ok := (*cur)[k]; ok {
			return s
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	next := map[busSeries]*busChildren{}
	if cur := m.series.Load(); cur != nil {
		if s, ok := (*cur)[k]; ok {
			return s
		}
		maps.Copy(next, *cur)
	}
	s := &busChildren{
		calls:    m.busCalls.WithLabelValues(k.caller, k.module, k.endpoint, k.kind, k.result),
		duration: m.busDuration.WithLabelValues(k.endpoint, k.kind),
	}
	next[k] = s
	m.series.Store(&next)
	return s
}

// Handler serves the registry in Prometheus' text format.
func (m *Metrics) Handler() fiber.Handler {
	return adaptor.HTTPHandler(promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{}))
}
