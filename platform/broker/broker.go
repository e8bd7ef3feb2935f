// Package broker connects a process to Redis, the message broker behind
// asynq: a real server by URL, or — with redis.url empty — an embedded,
// in-process miniredis that needs no port and keeps nothing across restarts.
package broker

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"
)

// Config is the redis section.
type Config struct {
	// URL is redis://[:password@]host:port/db. Empty means embedded.
	URL string `config:"url" secret:"true"`
}

// Broker holds the Redis client and asynq's client and inspector built on it.
type Broker struct {
	Redis     redis.UniversalClient
	Client    *asynq.Client
	Inspector *asynq.Inspector
	// Embedded is the in-process server when no URL is configured.
	Embedded *miniredis.Miniredis
	stop     chan struct{}
}

// Open connects to cfg.URL, or starts the embedded server.
func Open(cfg Config, log *slog.Logger) (*Broker, error) {
	if cfg.URL == "" {
		log.Warn("redis.url is empty: using an embedded Redis; it is volatile and serves this one process only (set redis.url for production or several processes)")
		return Embedded(miniredis.NewMiniRedis()), nil
	}
	opt, err := redis.ParseURL(cfg.URL)
	if err != nil {
		return nil, fmt.Errorf("broker: redis.url: %w", err)
	}
	rdb := redis.NewClient(opt)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := rdb.Ping(ctx).Err(); err != nil {
		_ = rdb.Close()
		return nil, fmt.Errorf("broker: connect to redis at %s: %w", opt.Addr, err)
	}
	return wrap(rdb), nil
}

// Embedded serves asynq from m over in-memory pipes. A ticker moves m's clock
// every second so that TTLs (leases, retention, locks) expire as they would
// on a real server.
func Embedded(m *miniredis.Miniredis) *Broker {
	rdb := redis.NewClient(&redis.Options{
		Addr:     "embedded",
		Dialer:   func(context.Context, string, string) (net.Conn, error) { return m.Dial() },
		PoolSize: 64,
	})
	b := wrap(rdb)
	b.Embedded = m
	go KeepTime(m, b.stop)
	return b
}

func wrap(rdb redis.UniversalClient) *Broker {
	return &Broker{
		Redis:     rdb,
		Client:    asynq.NewClientFromRedisClient(rdb),
		Inspector: asynq.NewInspectorFromRedisClient(rdb),
		stop:      make(chan struct{}),
	}
}

// KeepTime moves m's clock on by a second every second until stop closes:
// miniredis expires keys only when told time has passed, and asynq's
// leases, retention and locks are keys with a TTL.
func KeepTime(m *miniredis.Miniredis, stop <-chan struct{}) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			m.FastForward(time.Second)
		}
	}
}

// Ping checks that Redis answers, for readiness probes.
func (b *Broker) Ping(ctx context.Context) error { return b.Redis.Ping(ctx).Err() }

// Close disconnects and, when embedded, stops the server.
func (b *Broker) Close() error {
	close(b.stop)
	err := b.Redis.Close()
	if b.Embedded != nil {
		b.Embedded.Close()
	}
	return err
}
