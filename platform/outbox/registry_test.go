package outbox_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
	"go.uber.org/fx"
	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/testkit"
)

type ping struct {
	Seq int `json:"seq"`
}

var pingTopic = bus.Topic[ping]("registry.ping.v1")

// listener is a module of another process: it consumes pings and records
// the sequence numbers it saw.
type listener struct {
	mu   sync.Mutex
	seen map[int]bool
}

func (l *listener) module() fx.Option {
	return fx.Invoke(func(b *bus.Bus) {
		pingTopic.Consume(b, "listener", func(_ context.Context, p ping) error {
			l.mu.Lock()
			defer l.mu.Unlock()
			l.seen[p.Seq] = true
			return nil
		})
	})
}

func (l *listener) missing(from, to int) []int {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []int
	for i := from; i < to; i++ {
		if !l.seen[i] {
			out = append(out, i)
		}
	}
	return out
}

// TestSubscriberOfAnotherProcessGetsEvents: a publisher reaches a subscriber
// whose code it does not link (a module split out) through the registry in
// Redis — also after Redis lost its data, and after the publisher then
// restarted and knows only what the registry says again.
func TestSubscriberOfAnotherProcessGetsEvents(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		pubBackend, subBackend, flush := sharedRedis(t, be)
		registry := redis.NewClient(redisOptions(t, subBackend.RedisURL))
		defer registry.Close()
		l := &listener{seen: map[int]bool{}}
		// The listener registers again at its sweeps, much slower here than
		// the publisher's two-second view of the registry.
		testkit.Start(t, subBackend, testkit.Settings{"outbox.sweep_interval": "15s"}, l.module())
		publisher := testkit.Start(t, pubBackend, nil)

		sendPings(t, publisher.DB, 0, 10)
		waitForPings(t, l, 0, 10)

		flush()
		time.Sleep(3 * time.Second) // past the publisher's cached view of the registry
		if queues := registered(t, registry); len(queues) != 0 {
			t.Fatalf("the registry holds %v already: the publisher's memory of the listener is not what is tested", queues)
		}
		sendPings(t, publisher.DB, 10, 20)
		waitForPings(t, l, 10, 20)

		testkit.Eventually(t, 25*time.Second, func() bool { return slices.Contains(registered(t, registry), "listener") },
			func() string { return "the listener never registered again after Redis lost the registry" })

		publisher.Stop(t)
		publisher = testkit.Start(t, pubBackend, nil)
		sendPings(t, publisher.DB, 20, 30)
		waitForPings(t, l, 20, 30)
	})
}

// sharedRedis gives two backends — a publisher's and a subscriber's, each
// with its own database — on one Redis, and a function that empties it.
func sharedRedis(t *testing.T, be testkit.Backend) (pub, sub testkit.Backend, flush func()) {
	t.Helper()
	if be.Driver == db.SQLite {
		m := miniredis.RunT(t)
		url := "redis://" + m.Addr()
		pub, sub = testkit.SQLite(t), testkit.SQLite(t)
		pub.RedisURL, sub.RedisURL = url, url
		return pub, sub, m.FlushAll
	}
	sub = testkit.Backend{Name: be.Name, Driver: be.Driver, DSN: testkit.NewPostgresDatabase(t), RedisURL: be.RedisURL}
	client := redis.NewClient(redisOptions(t, be.RedisURL))
	t.Cleanup(func() { _ = client.Close() })
	return be, sub, func() {
		if err := client.FlushDB(context.Background()).Err(); err != nil {
			t.Fatal(err)
		}
	}
}

func redisOptions(t *testing.T, url string) *redis.Options {
	t.Helper()
	opts, err := redis.ParseURL(url)
	if err != nil {
		t.Fatal(err)
	}
	return opts
}

func sendPings(t *testing.T, d *db.DB, from, to int) {
	t.Helper()
	err := d.Transact(context.Background(), func(tx *gorm.DB) error {
		for i := from; i < to; i++ {
			if err := pingTopic.Publish(context.Background(), tx, ping{Seq: i}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func waitForPings(t *testing.T, l *listener, from, to int) {
	t.Helper()
	testkit.Eventually(t, 15*time.Second, func() bool { return len(l.missing(from, to)) == 0 },
		func() string { return fmt.Sprintf("the listener never got pings %v", l.missing(from, to)) })
}

// registered lists the queues the registry holds for pings.
func registered(t *testing.T, registry *redis.Client) []string {
	t.Helper()
	queues, err := registry.SMembers(context.Background(), "jubako:subscribers:"+pingTopic.Info().Name).Result()
	if err != nil {
		t.Fatal(err)
	}
	return queues
}
