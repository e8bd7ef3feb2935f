package main

import (
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/testkit"
)

// commitsPerCheckout counts the write transactions one checkout needs: add
// to cart, place the order (order, saga and first step in one), then for
// each of the saga's six steps the participant's own commit and the saga's
// commit of the outcome. Outbox dispatch and completion marks are batched
// over many messages and left out.
const commitsPerCheckout = 1 + 1 + 6*2

// BenchmarkCheckout measures checkout sagas completed per second through the
// HTTP API with 16 concurrent customers, and the raw rate of single-row
// commits of the same database with 16 concurrent writers, in the same run.
// .ci/bench prints sagas/s ÷ (commits/s ÷ commitsPerCheckout); goal ≥ 0.6.
func BenchmarkCheckout(b *testing.B) {
	for _, be := range testkit.Backends(b) {
		b.Run(be.Name, func(b *testing.B) {
			p := testkit.Start(b, be, shopSettings, modules...)
			s := &shop{url: p.URL, admin: adminToken}
			for _, pid := range crashProducts {
				s.setStock(b, pid, 100_000_000)
			}
			b.Run("sagas", func(b *testing.B) { benchSagas(b, s, p.DB) })
			b.Run("commits", func(b *testing.B) { benchCommits(b, p.DB) })
		})
	}
}

const benchClients, benchBatch = 16, 400

func benchSagas(b *testing.B, s *shop, d *db.DB) {
	var total time.Duration
	for b.Loop() {
		done := scalar(b, d, `SELECT COUNT(*) FROM jubako_sagas WHERE status = 'COMPLETED'`)
		start := time.Now()
		var next atomic.Int32
		var wg sync.WaitGroup
		for range benchClients {
			wg.Go(func() {
				for i := next.Add(1); i <= benchBatch; i = next.Add(1) {
					c := s.customer()
					c.add(b, crashProducts[int(i)%len(crashProducts)], 1)
					if status, _, body := c.checkout(b, form(nil), ""); status != http.StatusAccepted {
						b.Errorf("checkout: %d %s", status, body)
					}
				}
			})
		}
		wg.Wait()
		for scalar(b, d, `SELECT COUNT(*) FROM jubako_sagas WHERE status = 'COMPLETED'`) < done+benchBatch {
			time.Sleep(5 * time.Millisecond)
		}
		total += time.Since(start)
	}
	b.ReportMetric(float64(benchBatch*b.N)/total.Seconds(), "sagas/s")
}

func benchCommits(b *testing.B, d *db.DB) {
	if err := d.Exec(`CREATE TABLE IF NOT EXISTS bench_commits (id TEXT PRIMARY KEY, at TIMESTAMP NOT NULL)`).Error; err != nil {
		b.Fatal(err)
	}
	var total time.Duration
	var n atomic.Int64
	for b.Loop() {
		start := time.Now()
		var next atomic.Int32
		var wg sync.WaitGroup
		for range benchClients {
			wg.Go(func() {
				for i := next.Add(1); i <= benchBatch*commitsPerCheckout; i = next.Add(1) {
					id := fmt.Sprintf("%d-%d", n.Add(1), time.Now().UnixNano())
					if err := d.Exec(`INSERT INTO bench_commits (id, at) VALUES (?, ?)`, id, db.Now()).Error; err != nil {
						b.Error(err)
						return
					}
				}
			})
		}
		wg.Wait()
		total += time.Since(start)
	}
	b.ReportMetric(float64(benchBatch*commitsPerCheckout*b.N)/total.Seconds(), "commits/s")
}
