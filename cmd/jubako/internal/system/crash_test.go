package system

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/testkit"
)

// TestCrashedShopEndsEveryOrderConsistently kills the shop with SIGKILL at
// random moments while customers check out, restarts it each time, and
// then checks every order's outcome against payment, shipping and stock —
// in both checkout modes.
func TestCrashedShopEndsEveryOrderConsistently(t *testing.T) {
	if testing.Short() {
		t.Skip("kills the shop a dozen times; run without -short")
	}
	for _, mode := range checkoutModes {
		t.Run(mode, func(t *testing.T) { crashWhileCheckingOut(t, mode) })
	}
}

func crashWhileCheckingOut(t *testing.T, mode string) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		child := newChild(t, be, mode)
		child.start(t)
		s := &shop{url: child.url, admin: testkit.AdminAuthorization}

		var kills atomic.Int32
		loadDone := make(chan struct{})
		go func() {
			defer close(loadDone)
			placeOrders(t, s, 200)
		}()
		// Killing stops after maxKills: on a slow machine a restart takes
		// longer than the gap between kills, and checkouts would hardly
		// get through.
		for running := true; running; {
			select {
			case <-loadDone:
				running = false
			case <-time.After(time.Duration(300+rand.IntN(400)) * time.Millisecond):
				if kills.Load() < maxKills {
					child.kill(t)
					kills.Add(1)
					child.start(t)
				}
			}
		}
		if kills.Load() < 10 {
			t.Errorf("only %d kills happened during the checkouts, want at least 10", kills.Load())
		}
		d := settled(t, be)
		t.Logf("%d orders, %d kills", scalar(t, d, `SELECT COUNT(*) FROM orders_orders`), kills.Load())
		child.kill(t)
	})
}

// maxKills bounds the kills of TestCrashedShopEndsEveryOrderConsistently.
const maxKills = 15

// placeOrders runs n checkouts from four customers' browsers at a time,
// retrying with the same Idempotency-Key while the shop is down.
func placeOrders(t *testing.T, s *shop, n int) {
	var next atomic.Int32
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for i := int(next.Add(1)); i <= n; i = int(next.Add(1)) {
				placeOne(s, i)
				time.Sleep(time.Duration(50+rand.IntN(150)) * time.Millisecond)
			}
		})
	}
	wg.Wait()
}

var crashProducts = []string{sunglasses, tankTop, watch, loafers, hairdryer, candleHolder, mug}

func placeOne(s *shop, i int) {
	c := s.customer()
	c.client.Timeout = 5 * time.Second
	change := func(map[string]any) {}
	switch i % 10 {
	case 3:
		change = withCard(payment.DeclinedCard)
	case 7:
		change = withZip("99999")
	}
	key := fmt.Sprintf("crash-%d", i)
	until(func() bool {
		status, _, _ := send(c.client, http.MethodPost, s.url+"/api/cart/items",
			fmt.Sprintf(`{"product_id":%q,"quantity":%d}`, crashProducts[i%len(crashProducts)], 1+i%3))
		return status == http.StatusOK
	})
	until(func() bool {
		status, _, _ := send(c.client, http.MethodPost, s.url+"/api/checkout", form(change), "Idempotency-Key", key)
		return status == http.StatusAccepted
	})
}

// until retries fn for up to a minute while the shop restarts.
func until(fn func() bool) {
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline) && !fn(); {
		time.Sleep(100 * time.Millisecond)
	}
}

// settled waits until no order of be's shop is pending, checks that every
// one ended consistently, and returns the shop's database, open until t
// ends.
func settled(t *testing.T, be testkit.Backend) *db.DB {
	t.Helper()
	d, err := db.Open(db.Config{Driver: be.Driver, DSN: be.DSN, MaxOpenConns: 2}, testkit.Logger(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Close() })
	testkit.Eventually(t, 3*time.Minute, func() bool {
		return scalar(t, d, `SELECT COUNT(*) FROM orders_orders WHERE status = 'PENDING'`) == 0
	}, func() string { return pendingReport(t, d) })
	checkConsistency(t, d)
	return d
}

func checkConsistency(t *testing.T, d *db.DB) {
	t.Helper()
	checks := []struct{ what, query string }{
		{"orders charged twice", `SELECT COUNT(*) FROM (SELECT reference FROM payment_ledger WHERE kind = 'charge' GROUP BY reference HAVING COUNT(*) > 1) x`},
		{"completed orders without exactly one charge of their total", `SELECT COUNT(*) FROM orders_orders o WHERE o.status = 'COMPLETED' AND
			(SELECT COUNT(*) FROM payment_ledger l WHERE l.reference = o.id AND l.kind = 'charge' AND l.amount_units = o.total_units AND l.amount_nanos = o.total_nanos) <> 1`},
		{"completed orders refunded", `SELECT COUNT(*) FROM orders_orders o WHERE o.status = 'COMPLETED' AND EXISTS (SELECT 1 FROM payment_ledger l WHERE l.reference = o.id AND l.kind = 'refund')`},
		{"cancelled orders whose charges and refunds differ", `SELECT COUNT(*) FROM orders_orders o WHERE o.status = 'CANCELLED' AND
			(SELECT COUNT(*) FROM payment_ledger l WHERE l.reference = o.id AND l.kind = 'charge') <> (SELECT COUNT(*) FROM payment_ledger l WHERE l.reference = o.id AND l.kind = 'refund')`},
		{"completed orders without one shipment", `SELECT COUNT(*) FROM orders_orders o WHERE o.status = 'COMPLETED' AND
			(SELECT COUNT(*) FROM shipping_shipments s WHERE s.reference = o.id AND s.status = 'SHIPPED') <> 1`},
		{"cancelled orders still shipped", `SELECT COUNT(*) FROM orders_orders o WHERE o.status = 'CANCELLED' AND
			EXISTS (SELECT 1 FROM shipping_shipments s WHERE s.reference = o.id AND s.status = 'SHIPPED')`},
		{"products with stock still reserved", `SELECT COUNT(*) FROM inventory_stock WHERE reserved <> 0`},
		{"cards still held for ended orders", `SELECT COUNT(*) FROM payment_holds h JOIN orders_orders o ON o.id = h.reference WHERE o.status <> 'PENDING'`},
		{"products whose stock is not conserved (1000 = on hand + sold)", `SELECT COUNT(*) FROM inventory_stock WHERE on_hand + sold <> 1000`},
		{"products whose sales differ from completed orders", `SELECT COUNT(*) FROM inventory_stock st WHERE st.sold <>
			(SELECT COALESCE(SUM(l.quantity), 0) FROM orders_lines l JOIN orders_orders o ON o.id = l.order_id WHERE o.status = 'COMPLETED' AND l.product_id = st.product_id)`},
	}
	for _, c := range checks {
		if n := scalar(t, d, c.query); n != 0 {
			t.Errorf("%d %s", n, c.what)
		}
	}
	if n := scalar(t, d, `SELECT COUNT(*) FROM orders_orders WHERE status = 'COMPLETED'`); n == 0 {
		t.Error("no order completed: the test proved nothing")
	}
}

// pendingReport says where the checkouts of pending orders stand — the
// saga of an orchestrated one, the last steps recorded of a choreographed
// one — and what became of their last messages, for a failure message.
func pendingReport(t *testing.T, d *db.DB) string {
	var rows []struct {
		ID, CheckoutMode, Status, Phase, StepID, LastError string
		Attempt                                            int
		Stuck                                              bool
	}
	d.Raw(`SELECT o.id, o.checkout_mode, COALESCE(s.status, '') AS status, COALESCE(s.phase, '') AS phase, COALESCE(s.step_id, '') AS step_id,
		COALESCE(s.attempt, 0) AS attempt, COALESCE(s.stuck, false) AS stuck, COALESCE(s.last_error, '') AS last_error
		FROM orders_orders o LEFT JOIN jubako_sagas s ON s.id = o.id WHERE o.status = 'PENDING'`).Scan(&rows)
	out := fmt.Sprintf("%d orders still PENDING:", len(rows))
	for _, r := range rows {
		var deliveries []struct {
			MessageID, Topic, Queue, LastError string
			CompletedAt, DeadAt                *time.Time
			Resent                             int
		}
		d.Raw(`SELECT d.message_id, m.topic, d.queue, d.last_error, d.completed_at, d.dead_at, d.resent FROM jubako_outbox_deliveries d
			JOIN jubako_outbox m ON m.id = d.message_id WHERE m.payload LIKE ? ORDER BY d.dispatched_at DESC LIMIT 3`, "%"+r.ID+"%").Scan(&deliveries)
		if r.CheckoutMode == orders.ModeChoreography {
			var steps []string
			d.Raw(`SELECT name || ' ' || phase || ' ' || status FROM orders_steps WHERE order_id = ? ORDER BY seq`, r.ID).Scan(&steps)
			out += fmt.Sprintf("\n  choreographed %s: steps %q; last deliveries %+v", r.ID, steps, deliveries)
			continue
		}
		out += fmt.Sprintf("\n  saga %s %s/%s step %s attempt %d stuck %v error %q; last deliveries %+v", r.ID, r.Status, r.Phase, r.StepID, r.Attempt, r.Stuck, r.LastError, deliveries)
	}
	return out
}

func scalar(t testing.TB, d *db.DB, query string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := d.Raw(query, args...).Scan(&n).Error; err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// child is the shop as a separate process on a fixed loopback port.
type child struct {
	env []string
	url string
	cmd *exec.Cmd
}

func newChild(t *testing.T, be testkit.Backend, mode string) *child {
	addr := testkit.FreeAddr(t)
	return &child{
		url: "http://" + addr,
		env: append(os.Environ(), envShopChild+"=1",
			"JUBAKO_HTTP_ADDR="+addr, "JUBAKO_DATABASE_DRIVER="+be.Driver, "JUBAKO_DATABASE_DSN="+be.DSN,
			"JUBAKO_REDIS_URL="+be.RedisURL, "JUBAKO_AUTH_SIGNING_KEY="+testkit.SigningKey, "JUBAKO_LOG_LEVEL=error",
			"JUBAKO_SAGA_RETRY_BASE=100ms", "JUBAKO_SAGA_RETRY_MAX=1s", "JUBAKO_ORDERS_CHECKOUT_DEADLINE=20s",
			"JUBAKO_OUTBOX_SWEEP_INTERVAL=1s", "JUBAKO_OUTBOX_SWEEP_GRACE=3s", "JUBAKO_OUTBOX_RETRY_BASE=100ms",
			"JUBAKO_HTTP_RATE_LIMIT_ENABLED=false", "JUBAKO_GRPC_ADDR=127.0.0.1:0", "JUBAKO_ORDERS_CHECKOUT_MODE="+mode),
	}
}

func (c *child) start(t *testing.T) {
	t.Helper()
	c.cmd = exec.Command(os.Args[0], "-test.run=^$")
	c.cmd.Env = c.env
	c.cmd.Stderr = os.Stderr
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
}

func (c *child) kill(t *testing.T) {
	t.Helper()
	if err := c.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = c.cmd.Wait()
}
