package system

import (
	"fmt"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/testkit"
)

// recoveryBound is how soon after a replica's death every checkout it left
// must have ended, with the default settings.
const recoveryBound = 30 * time.Second

// TestKilledReplicaRecoversWithinBound runs three replicas of the shop on one
// PostgreSQL and one Redis, with the default outbox and saga settings, kills
// one with SIGKILL while customers check out through all three, and lets
// the customers it served go on through the others. Every order must end
// COMPLETED or CANCELLED, consistently, within recoveryBound of the kill.
//
// It runs on PostgreSQL only: SQLite allows one process per file.
func TestKilledReplicaRecoversWithinBound(t *testing.T) {
	if testing.Short() {
		t.Skip("runs three shops under load; run without -short")
	}
	be := testkit.Main(t)
	if be.Driver != db.Postgres {
		t.Skip("replicas share a database, which needs PostgreSQL: set " + testkit.EnvPostgres)
	}
	replicas := make([]*child, 3)
	for i := range replicas {
		replicas[i] = newReplica(t, be)
		replicas[i].start(t)
		t.Cleanup(func() {
			_ = replicas[i].cmd.Process.Signal(syscall.SIGTERM)
			_ = replicas[i].cmd.Wait()
		})
	}
	for _, r := range replicas {
		(&service{addr: r.url[len("http://"):]}).waitReady(t)
	}
	fleet := &fleet{urls: []string{replicas[0].url, replicas[1].url, replicas[2].url}}

	var stop atomic.Bool
	var placed atomic.Int32
	loadDone := make(chan struct{})
	go func() {
		defer close(loadDone)
		placeOnFleet(fleet, &stop, &placed)
	}()
	testkit.Eventually(t, time.Minute, func() bool { return placed.Load() >= 60 },
		func() string { return fmt.Sprintf("only %d orders placed", placed.Load()) })
	replicas[0].kill(t)
	killed := time.Now()
	fleet.remove(replicas[0].url)
	stop.Store(true)
	<-loadDone

	d := settled(t, be)
	after := time.Since(killed)
	t.Logf("%d orders, the last settled %s after the kill", scalar(t, d, `SELECT COUNT(*) FROM orders_orders`), after.Round(time.Millisecond))
	if after > recoveryBound {
		t.Errorf("the last order settled %s after the kill, want at most %s", after.Round(time.Millisecond), recoveryBound)
	}
}

// newReplica is a shop process on be with the default settings but for
// the rate limit, which the load of one address would trip.
func newReplica(t *testing.T, be testkit.Backend) *child {
	addr := testkit.FreeAddr(t)
	return &child{
		url: "http://" + addr,
		env: append(os.Environ(), envShopChild+"=1",
			"JUBAKO_HTTP_ADDR="+addr, "JUBAKO_DATABASE_DRIVER="+be.Driver, "JUBAKO_DATABASE_DSN="+be.DSN,
			"JUBAKO_REDIS_URL="+be.RedisURL, "JUBAKO_AUTH_SIGNING_KEY="+testkit.SigningKey, "JUBAKO_LOG_LEVEL=error",
			"JUBAKO_HTTP_RATE_LIMIT_ENABLED=false", "JUBAKO_GRPC_ADDR=127.0.0.1:0"),
	}
}

// fleet is the replicas a load balancer sends customers to.
type fleet struct {
	mu   sync.Mutex
	urls []string
	next int
}

// pick returns the next replica, round robin.
func (f *fleet) pick() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.next++
	return f.urls[f.next%len(f.urls)]
}

// remove takes a dead replica out of the rotation.
func (f *fleet) remove(url string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, u := range f.urls {
		if u == url {
			f.urls = append(f.urls[:i], f.urls[i+1:]...)
			return
		}
	}
}

// placeOnFleet checks out from four customers' browsers at a time until
// stop is set, each request to the next replica; a request that finds no
// answer is sent again to another, with the same Idempotency-Key.
func placeOnFleet(f *fleet, stop *atomic.Bool, placed *atomic.Int32) {
	var next atomic.Int32
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for !stop.Load() {
				i := int(next.Add(1))
				c := (&shop{}).customer()
				c.client.Timeout = 5 * time.Second
				change := func(map[string]any) {}
				if i%10 == 3 {
					change = withCard(payment.DeclinedCard)
				}
				until(func() bool {
					status, _, _ := send(c.client, http.MethodPost, f.pick()+"/api/cart/items",
						fmt.Sprintf(`{"product_id":%q,"quantity":%d}`, crashProducts[i%len(crashProducts)], 1+i%3))
					return status == http.StatusOK
				})
				until(func() bool {
					status, _, _ := send(c.client, http.MethodPost, f.pick()+"/api/checkout", form(change), "Idempotency-Key", fmt.Sprintf("replica-%d", i))
					return status == http.StatusAccepted
				})
				placed.Add(1)
			}
		})
	}
	wg.Wait()
}
