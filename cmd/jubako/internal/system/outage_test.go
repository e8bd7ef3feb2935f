package system

import (
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jubako/jubako/cmd/jubako/internal/linked"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/testkit"
)

// TestPaymentServiceOutage kills the payment service with SIGKILL for 30
// seconds while customers place 100 orders through the monolith, then
// restarts it: every accepted order must end COMPLETED or CANCELLED (by the
// checkout deadline), no card charged twice, every cancelled charge refunded.
func TestPaymentServiceOutage(t *testing.T) {
	if testing.Short() {
		t.Skip("takes a minute; run without -short")
	}
	be := testkit.Main(t)
	front, payAddr := testkit.FreeAddr(t), testkit.FreeAddr(t)
	payDSN := be.Another(t)
	base := append(shopEnv(), "JUBAKO_REDIS_URL="+be.SharedRedis(t), "JUBAKO_DATABASE_DRIVER="+be.Driver, "JUBAKO_ORDERS_CHECKOUT_DEADLINE=15s")
	monolith := startService(t, binary(t, "split_payment"), append(base, "JUBAKO_HTTP_ADDR="+front,
		"JUBAKO_DATABASE_DSN="+be.DSN, "JUBAKO_MODULES_PAYMENT_URL=http://"+payAddr), front)
	payEnv := append(base, "JUBAKO_HTTP_ADDR="+payAddr, "JUBAKO_DATABASE_DSN="+payDSN, "JUBAKO_MODULES_DEFAULT_URL=http://"+front)
	payment := startService(t, binary(t, "only_payment"), payEnv, payAddr)
	monolith.waitReady(t)
	payment.waitReady(t)
	s := &shop{url: "http://" + front, admin: testkit.AdminAuthorization}

	var mu sync.Mutex
	var accepted []string
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := range 100 {
			c := s.customer()
			c.add(t, crashProducts[i%len(crashProducts)], 1)
			status, id, body := c.checkout(t, form(nil), "")
			if status != http.StatusAccepted {
				t.Errorf("checkout %d: %d %s", i, status, body)
				continue
			}
			mu.Lock()
			accepted = append(accepted, id)
			mu.Unlock()
			time.Sleep(400 * time.Millisecond)
		}
	})
	time.Sleep(5 * time.Second)
	if err := payment.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = payment.cmd.Wait()
	time.Sleep(30 * time.Second)
	payment = startService(t, payment.cmd.Path, payEnv, payAddr)
	payment.waitReady(t)
	wg.Wait()

	orders := openDB(t, be.Driver, be.DSN)
	ledger := openDB(t, be.Driver, payDSN)
	var pending int64
	testkit.Eventually(t, 3*time.Minute, func() bool {
		pending = scalar(t, orders, `SELECT COUNT(*) FROM orders_orders WHERE status = 'PENDING'`)
		return pending == 0
	}, func() string { return fmt.Sprintf("%d orders still PENDING", pending) })

	if n := scalar(t, orders, `SELECT COUNT(*) FROM orders_orders`); n != int64(len(accepted)) || n != 100 {
		t.Errorf("%d orders stored, %d accepted, want 100", n, len(accepted))
	}
	if n := scalar(t, ledger, `SELECT COUNT(*) FROM (SELECT reference FROM payment_ledger WHERE kind = 'charge' GROUP BY reference HAVING COUNT(*) > 1) x`); n != 0 {
		t.Errorf("%d orders charged twice", n)
	}
	completed, cancelled := 0, 0
	for _, id := range accepted {
		var row struct{ Status, Reason string }
		orders.Raw(`SELECT status, reason FROM orders_orders WHERE id = ?`, id).Scan(&row)
		status := row.Status
		charges := scalar(t, ledger, fmt.Sprintf(`SELECT COUNT(*) FROM payment_ledger WHERE reference = '%s' AND kind = 'charge'`, id))
		refunds := scalar(t, ledger, fmt.Sprintf(`SELECT COUNT(*) FROM payment_ledger WHERE reference = '%s' AND kind = 'refund'`, id))
		switch {
		case status == "COMPLETED" && charges == 1 && refunds == 0:
			completed++
		case status == "CANCELLED" && charges == refunds && heldUp(row.Reason):
			cancelled++
		default:
			t.Errorf("order %s is %s (%q) with %d charges and %d refunds; a cancellation must come from the outage holding up the charge past the deadline", id, status, row.Reason, charges, refunds)
		}
	}
	if completed == 0 || cancelled == 0 {
		t.Errorf("%d completed and %d cancelled: the outage should cancel the orders it held past the deadline and spare the others", completed, cancelled)
	}
	t.Logf("%d completed, %d cancelled by the deadline", completed, cancelled)
}

// heldUp tells a cancellation the outage caused: the charge failed, or the
// deadline passed while a charge refused by the open breaker waited — the
// next step then finds the deadline gone, and the charge is refunded.
func heldUp(reason string) bool {
	return !strings.Contains(reason, "declined") &&
		(strings.Contains(reason, "charge") || strings.HasPrefix(reason, "deadline passed before step"))
}

func openDB(t testing.TB, driver, dsn string) *db.DB {
	d, err := db.Open(db.Config{Driver: driver, DSN: dsn, MaxOpenConns: 2}, testkit.Logger(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Close() })
	return d
}

// TestLostDatabaseAnswers503 takes PostgreSQL away from the shop — its DSN
// goes through a proxy the test cuts, closing every connection and
// refusing new ones — and back: while it is gone, requests that need it
// answer 503 unavailable with a Retry-After, never 500; once it is back,
// they succeed again. SQLite is a file the process opens: it has no
// connection to lose.
func TestLostDatabaseAnswers503(t *testing.T) {
	if os.Getenv(testkit.EnvPostgres) == "" {
		t.Skip(testkit.EnvPostgres + " is not set")
	}
	be := testkit.Postgres(t)
	var proxy *testkit.Proxy
	be.DSN, proxy = testkit.ProxyURL(t, be.DSN)
	p := testkit.Start(t, be, shopSettings, linked.Modules()...)
	c := (&shop{url: p.URL}).customer()
	// The catalog's search is asked first while the database is gone: the
	// response cache holds no answer for it.
	requests := []struct{ method, path, body string }{
		{http.MethodGet, "/api/catalog/products?q=mug", ""},
		{http.MethodPost, "/api/cart/items", fmt.Sprintf(`{"product_id":%q,"quantity":1}`, mug)},
		{http.MethodGet, "/api/cart", ""},
		{http.MethodGet, "/api/orders", ""},
	}
	answer := func(method, path, body string) testkit.Response {
		var b any
		if body != "" {
			b = body
		}
		return testkit.Send(t, c.client, method, p.URL+path, b)
	}
	for _, r := range requests[1:] {
		if res := answer(r.method, r.path, r.body); res.Status != http.StatusOK {
			t.Fatalf("%s %s before the loss: %d %s", r.method, r.path, res.Status, res.Body)
		}
	}

	proxy.Cut()
	for _, r := range requests {
		res := answer(r.method, r.path, r.body)
		retry, err := strconv.Atoi(res.Header.Get("Retry-After"))
		if e := res.Err(t); res.Status != http.StatusServiceUnavailable || e.Error.Code != "unavailable" || err != nil || retry < 1 {
			t.Errorf("%s %s with the database gone: %d Retry-After %q %s, want 503 unavailable with a Retry-After",
				r.method, r.path, res.Status, res.Header.Get("Retry-After"), res.Body)
		}
	}

	proxy.Restore(t)
	for _, r := range requests {
		testkit.Eventually(t, 30*time.Second, func() bool { return answer(r.method, r.path, r.body).Status == http.StatusOK },
			func() string {
				return fmt.Sprintf("%s %s never answered 200 once the database was back", r.method, r.path)
			})
	}
}
