package chaos_test

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/platform/chaos"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// TestRouteFaultsHitTheRequestsTheyName: a route fault answers the
// requests of its method and pattern with its error — parameters match
// any segment, a final star whatever follows — and leaves other routes,
// other methods and the paths this process only forwards alone.
func TestRouteFaultsHitTheRequestsTheyName(t *testing.T) {
	p := newProcess(t, redisURL(t, testkit.SQLite(t)))
	app := fiber.New(fiber.Config{ErrorHandler: func(c *fiber.Ctx, err error) error {
		return c.Status(shared.AsError(err).Code.HTTPStatus()).SendString(err.Error())
	}})
	app.Use(p.store.Routes([]string{"/api/payment"}, time.Second))
	ok := func(c *fiber.Ctx) error { return c.SendString("ok") }
	app.Get("/api/catalog/products/:id", ok)
	app.Get("/api/catalog/products", ok)
	app.Post("/api/checkout/orders/:id/cancel", ok)
	app.Get("/api/payment/ledger", ok)

	for _, target := range []string{"GET /api/catalog/products/:id", "POST /api/checkout/*", "GET /api/payment/ledger"} {
		f := errorFault(target)
		p.add(t, f)
	}
	for _, tc := range []struct {
		method, path string
		want         int
	}{
		{"GET", "/api/catalog/products/OLJCESPC7Z", 409},
		{"GET", "/API/Catalog/products/OLJCESPC7Z/", 409},
		{"GET", "/api/catalog/products", 200},
		{"HEAD", "/api/catalog/products/OLJCESPC7Z", 200},
		{"POST", "/api/checkout/orders/o-1/cancel", 409},
		{"GET", "/api/payment/ledger", 200}, // forwarded: its own process applies the fault
	} {
		res, err := app.Test(httptest.NewRequest(tc.method, tc.path, nil), -1)
		if err != nil {
			t.Fatal(err)
		}
		if res.StatusCode != tc.want {
			t.Errorf("%s %s = %d, want %d", tc.method, tc.path, res.StatusCode, tc.want)
		}
	}
}

// TestRouteLatencyDelaysTheAnswer: a route's latency fault delays it.
func TestRouteLatencyDelaysTheAnswer(t *testing.T) {
	p := newProcess(t, redisURL(t, testkit.SQLite(t)))
	app := fiber.New()
	app.Use(p.store.Routes(nil, time.Second))
	app.Get("/api/catalog/products", func(c *fiber.Ctx) error { return c.SendString("ok") })
	p.add(t, chaos.Fault{Target: "GET /api/catalog/products", Kind: chaos.KindLatency, Latency: 200 * time.Millisecond, Percent: 100, TTL: time.Minute})
	start := time.Now()
	res, err := app.Test(httptest.NewRequest("GET", "/api/catalog/products", nil), -1)
	if err != nil || res.StatusCode != 200 || time.Since(start) < 200*time.Millisecond {
		t.Fatalf("answer %v, %v after %s; want 200 after 200ms", res, err, time.Since(start))
	}
	_ = p.store.Halt(context.Background())
}
