package system

import (
	"fmt"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/testkit"
)

// shoppers is how many HTTP clients check out at once in BenchmarkShop.
const shoppers = 8

// BenchmarkShop runs the monolith as `jubako` runs with nothing
// configured — one OS process, SQLite, the embedded Redis — and measures,
// in one run: checkouts completed per second with eight shoppers and the
// server's CPU per checkout; one shopper's checkouts from accepted to
// COMPLETED; and, as the baseline, single-row commits per second with eight
// writers on the same disk. .ci/bench prints checkouts/s ÷ commits/s. The
// choreography-* runs measure the same of a second monolith checking out
// in choreography, for .ci/bench to set beside orchestration's.
//
// With JUBAKO_PROFILE set to a file name, the server records a CPU profile
// of its first throughput burst there (what `task profile` does).
func BenchmarkShop(b *testing.B) {
	be := testkit.SQLite(b)
	profile := os.Getenv(envProfile)
	if profile != "" {
		b.Setenv("JUBAKO_DEBUG_PPROF", "true")
	}
	r, d := stockedMonolith(b, be, nil)
	b.Run("throughput", func(b *testing.B) {
		if profile != "" {
			done := recordProfile(b, r.shop, profile)
			defer done()
		}
		for b.Loop() {
			checkoutBurst(b, r, d, orders.ModeOrchestration)
		}
	})
	b.Run("latency", func(b *testing.B) {
		for b.Loop() {
			oneShopper(b, r, d, orders.ModeOrchestration)
		}
	})
	b.Run("commits", func(b *testing.B) {
		raw := openDB(b, db.SQLite, filepath.Join(b.TempDir(), "commits.db"))
		for b.Loop() {
			benchCommits(b, raw, shoppers, 5000)
		}
	})
	r, d = stockedMonolith(b, be, inMode(orders.ModeChoreography))
	b.Run("choreography-throughput", func(b *testing.B) {
		for b.Loop() {
			checkoutBurst(b, r, d, orders.ModeChoreography)
		}
	})
	b.Run("choreography-latency", func(b *testing.B) {
		for b.Loop() {
			oneShopper(b, r, d, orders.ModeChoreography)
		}
	})
}

// stockedMonolith starts the monolith's process with settings on a
// database of its own, with plenty of every product the checkouts buy.
func stockedMonolith(b *testing.B, be testkit.Backend, settings testkit.Settings) (*running, *db.DB) {
	be.DSN = be.Another(b)
	r := startTopologyWith(b, be, settings, split{tags: ""})
	for _, pid := range crashProducts {
		r.shop.setStock(b, pid, 100_000_000)
	}
	return r, openDB(b, be.Driver, r.dsns[0])
}

// checkoutBurst has the shoppers place burst checkouts as fast as they are
// accepted, and waits for every saga to complete.
func checkoutBurst(b *testing.B, r *running, d *db.DB, mode string) {
	const burst = 400
	cpu := cpuTime(b, r.services)
	start := time.Now()
	ids := make(chan string, burst)
	var next atomic.Int32
	var wg sync.WaitGroup
	for range shoppers {
		wg.Go(func() {
			for i := next.Add(1); i <= burst; i = next.Add(1) {
				c := r.shop.customer()
				c.add(b, crashProducts[int(i)%len(crashProducts)], 1)
				status, id, body := c.checkout(b, form(nil), "")
				if status != http.StatusAccepted {
					b.Errorf("checkout: %d %s", status, body)
					continue
				}
				ids <- id
			}
		})
	}
	wg.Wait()
	close(ids)
	waitCheckedOut(b, d, collect(ids), mode)
	elapsed, spent := time.Since(start), cpuTime(b, r.services)-cpu
	b.ReportMetric(burst/elapsed.Seconds(), "checkouts/s")
	b.ReportMetric(float64(spent.Microseconds())/1000/burst, "cpu-ms/checkout")
}

// oneShopper checks out one order at a time and reads how long each saga
// took from accepted to COMPLETED.
func oneShopper(b *testing.B, r *running, d *db.DB, mode string) {
	const placed = 100
	var ids []string
	for i := range placed {
		c := r.shop.customer()
		c.add(b, crashProducts[i%len(crashProducts)], 1)
		status, id, body := c.checkout(b, form(nil), "")
		if status != http.StatusAccepted {
			b.Fatalf("checkout: %d %s", status, body)
		}
		waitCheckedOut(b, d, []string{id}, mode)
		ids = append(ids, id)
	}
	saga := sagaLatencies(b, d, ids)
	if mode == orders.ModeChoreography {
		saga = choreographyLatencies(b, d, ids)
	}
	b.ReportMetric(percentile(saga, 0.5), "saga-p50-ms")
	b.ReportMetric(percentile(saga, 0.99), "saga-p99-ms")
}

// envProfile names the file BenchmarkShop writes the server's CPU profile to.
const envProfile = "JUBAKO_PROFILE"

// recordProfile asks the server for a CPU profile of the next five seconds
// and writes it to path; done waits for it.
func recordProfile(b *testing.B, s *shop, path string) (done func()) {
	var wg sync.WaitGroup
	wg.Go(func() {
		status, data := call(b, http.DefaultClient, http.MethodGet, s.url+"/debug/pprof/profile?seconds=5", nil, "Authorization", s.admin)
		if status != http.StatusOK {
			b.Errorf("CPU profile: %d %.200s", status, data)
			return
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			b.Error(err)
		}
	})
	return wg.Wait
}

// waitCheckedOut waits until every checkout of ids ran all its steps: its
// saga COMPLETED, or in choreography the cart emptied and the confirmation
// mailed.
func waitCheckedOut(b *testing.B, d *db.DB, ids []string, mode string) {
	if mode != orders.ModeChoreography {
		waitCompleted(b, d, ids)
		return
	}
	var done int64
	testkit.Eventually(b, 2*time.Minute, func() bool {
		done = scalar(b, d, `SELECT COUNT(*) FROM orders_steps WHERE order_id IN ? AND name IN ('empty_cart', 'confirm') AND status = 'succeeded'`, ids)
		return done == int64(2*len(ids))
	}, func() string {
		return fmt.Sprintf("%d of %d choreographed checkouts ended their last steps", done/2, len(ids))
	})
}

// choreographyLatencies reads how long each choreographed checkout took,
// from its placement to its last step, as sagaLatencies does for sagas.
func choreographyLatencies(b *testing.B, d *db.DB, ids []string) []time.Duration {
	var rows []struct {
		ID         string
		CreatedAt  time.Time
		FinishedAt time.Time
	}
	err := d.Raw(`SELECT o.id, o.created_at, s.finished_at FROM orders_orders o JOIN orders_steps s ON s.order_id = o.id WHERE o.id IN ?`, ids).Scan(&rows).Error
	if err != nil {
		b.Fatal(err)
	}
	took := map[string]time.Duration{}
	for _, r := range rows {
		took[r.ID] = max(took[r.ID], r.FinishedAt.Sub(r.CreatedAt))
	}
	return slices.Collect(maps.Values(took))
}

func waitCompleted(b *testing.B, d *db.DB, ids []string) {
	var done int64
	testkit.Eventually(b, 2*time.Minute, func() bool {
		done = scalar(b, d, `SELECT COUNT(*) FROM jubako_sagas WHERE id IN ? AND status = 'COMPLETED'`, ids)
		return done == int64(len(ids))
	}, func() string { return fmt.Sprintf("%d of %d sagas completed", done, len(ids)) })
}

func collect(ids <-chan string) []string {
	var out []string
	for id := range ids {
		out = append(out, id)
	}
	return out
}

// benchCommits inserts n single rows from writers goroutines, each its own
// transaction, and reports the rate.
func benchCommits(b *testing.B, d *db.DB, writers, n int) {
	if err := d.Exec(`CREATE TABLE IF NOT EXISTS bench_commits (id TEXT PRIMARY KEY, at TIMESTAMP NOT NULL)`).Error; err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	var next atomic.Int64
	var wg sync.WaitGroup
	for range writers {
		wg.Go(func() {
			for i := next.Add(1); i <= int64(n); i = next.Add(1) {
				id := fmt.Sprintf("%d-%d", i, time.Now().UnixNano())
				if err := d.Exec(`INSERT INTO bench_commits (id, at) VALUES (?, ?)`, id, db.Now()).Error; err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	b.ReportMetric(float64(n)/time.Since(start).Seconds(), "commits/s")
}
