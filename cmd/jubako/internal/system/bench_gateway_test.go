package system

import (
	"net"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"

	"github.com/jubako/jubako/modules/catalog"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/testkit"
)

// BenchmarkGatewayChain measures GET /api/catalog/products/{id} through
// the gateway's whole chain — recover, trace, metrics, access log, headers,
// rate limit (budgets too large to refuse anything, still counted), auth,
// cache, deadline — against the same handler on a bare fiber app, in the
// same run, with 16 concurrent clients, on each backend (with the embedded
// Redis the limiter counts in memory, with a real one it makes one round
// trip per request). "miss" asks a new URL every time (?n=…): every
// request runs the handler and stores its answer; "hit" asks one URL, which
// the cache answers. .ci/bench prints chain ÷ bare; goal ≥ 0.5 for misses.
func BenchmarkGatewayChain(b *testing.B) {
	for _, be := range testkit.Backends(b) {
		b.Run(be.Name, func(b *testing.B) {
			p := testkit.Start(b, be, with(testkit.Settings{
				"http.rate_limit.enabled":       true,
				"http.rate_limit.read.requests": 1_000_000_000, "http.rate_limit.read.window": "1h",
			}), edge...)
			bare := bareCatalog(b, p.Bus)
			path := "/api/catalog/products/" + sunglasses
			b.Run("bare", func(b *testing.B) { benchGets(b, bare+path, true) })
			b.Run("miss", func(b *testing.B) { benchGets(b, p.URL+path, true) })
			b.Run("hit", func(b *testing.B) { benchGets(b, p.URL+path, false) })
		})
	}
}

// bareCatalog serves the catalog route's handler on a fiber app with no
// middleware, and returns its URL.
func bareCatalog(b *testing.B, bs *bus.Bus) string {
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Get("/api/catalog/products/:id", func(c *fiber.Ctx) error {
		prod, err := catalog.GetProduct.Call(c.UserContext(), bs, catalog.GetProductRequest{ID: c.Params("id")})
		if err != nil {
			return err
		}
		return c.JSON(prod)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	go func() { _ = app.Listener(ln) }()
	b.Cleanup(func() { _ = app.Shutdown() })
	return "http://" + ln.Addr().String()
}

// getters is how many goroutines benchGets sends from.
const getters = 16

// benchGets sends b.N GETs from 16 goroutines and reports requests/s;
// distinct gives each request a URL of its own.
func benchGets(b *testing.B, url string, distinct bool) {
	client := &fasthttp.Client{MaxConnsPerHost: 64}
	var n atomic.Int64
	b.SetParallelism(max(1, getters/runtime.GOMAXPROCS(0)))
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		req, res := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
		defer fasthttp.ReleaseRequest(req)
		defer fasthttp.ReleaseResponse(res)
		for pb.Next() {
			u := url
			if distinct {
				u += "?n=" + strconv.FormatInt(n.Add(1), 10)
			}
			req.SetRequestURI(u)
			if err := client.Do(req, res); err != nil || res.StatusCode() != fasthttp.StatusOK {
				b.Errorf("GET %s: %v %d", u, err, res.StatusCode())
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}
