package system

import (
	"fmt"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/testkit"
)

// BenchmarkTopology offers the same load — checkouts at a fixed rate — to
// the monolith and to the split shop (payment and shipping as services),
// each as OS processes on real PostgreSQL and Redis, and reports the
// checkout's latency (accepted, and saga completed, from the saga rows) and
// the CPU all jubako processes spent per checkout.
func BenchmarkTopology(b *testing.B) {
	be := testkit.Postgres(b)
	for _, top := range []struct {
		name  string
		parts []split
	}{
		{"monolith", []split{{tags: ""}}},
		{"split", []split{{tags: "split_payment,split_shipping"}, {tags: "only_payment", module: "payment"}, {tags: "only_shipping", module: "shipping"}}},
	} {
		b.Run(top.name, func(b *testing.B) {
			r := startTopology(b, be, top.parts...)
			for _, pid := range crashProducts {
				r.shop.setStock(b, pid, 100_000_000)
			}
			d := openDB(b, be.Driver, r.dsns[0])
			for b.Loop() {
				offerLoad(b, r, d)
			}
		})
	}
}

const offeredRate, offeredCheckouts = 20, 200

func offerLoad(b *testing.B, r *running, d *db.DB) {
	customers := make([]*customer, offeredCheckouts)
	for i := range customers {
		customers[i] = r.shop.customer()
		customers[i].add(b, crashProducts[i%len(crashProducts)], 1)
	}
	cpu := cpuTime(b, r.services)
	var accept []time.Duration
	var mu sync.Mutex
	var wg sync.WaitGroup
	var ids []string
	tick := time.NewTicker(time.Second / offeredRate)
	for _, c := range customers {
		<-tick.C
		wg.Go(func() {
			start := time.Now()
			status, id, body := c.checkout(b, form(nil), "")
			if status != http.StatusAccepted {
				b.Errorf("checkout: %d %s", status, body)
				return
			}
			mu.Lock()
			accept, ids = append(accept, time.Since(start)), append(ids, id)
			mu.Unlock()
		})
	}
	tick.Stop()
	wg.Wait()
	var saga []time.Duration
	testkit.Eventually(b, time.Minute, func() bool {
		saga = sagaLatencies(b, d, ids)
		return len(saga) == len(ids)
	}, func() string { return fmt.Sprintf("%d of %d sagas completed", len(saga), len(ids)) })
	spent := cpuTime(b, r.services) - cpu
	b.ReportMetric(percentile(accept, 0.5), "accept-p50-ms")
	b.ReportMetric(percentile(saga, 0.5), "saga-p50-ms")
	b.ReportMetric(percentile(saga, 0.99), "saga-p99-ms")
	b.ReportMetric(float64(spent.Microseconds())/1000/float64(len(ids)), "cpu-ms/checkout")
}

// sagaLatencies reads how long each completed checkout saga took.
func sagaLatencies(b *testing.B, d *db.DB, ids []string) []time.Duration {
	var rows []struct {
		CreatedAt  time.Time
		FinishedAt time.Time
	}
	if err := d.Raw(`SELECT created_at, finished_at FROM jubako_sagas WHERE id IN ? AND status = 'COMPLETED'`, ids).Scan(&rows).Error; err != nil {
		b.Fatal(err)
	}
	out := make([]time.Duration, len(rows))
	for i, r := range rows {
		out[i] = r.FinishedAt.Sub(r.CreatedAt)
	}
	return out
}

func percentile(ds []time.Duration, q float64) float64 {
	s := append([]time.Duration(nil), ds...)
	slices.Sort(s)
	return float64(s[int(q*float64(len(s)-1))].Microseconds()) / 1000
}

// cpuTime sums user and system time of the processes, from /proc.
func cpuTime(b *testing.B, services []*service) time.Duration {
	var ticks int64
	for _, s := range services {
		data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", s.cmd.Process.Pid))
		if err != nil {
			b.Fatal(err)
		}
		fields := strings.Fields(string(data[strings.LastIndexByte(string(data), ')')+2:]))
		utime, _ := strconv.ParseInt(fields[11], 10, 64)
		stime, _ := strconv.ParseInt(fields[12], 10, 64)
		ticks += utime + stime
	}
	return time.Duration(ticks) * (time.Second / 100)
}
