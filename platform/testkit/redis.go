package testkit

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"github.com/jubako/jubako/platform/broker"
)

// Redis has 16 databases; 0 holds the locks, 1–15 are handed out.
const redisDatabases = 16

const lockTTL = 2 * time.Minute

// NewRedisDatabase leases a Redis database number of its own on the server of
// JUBAKO_TEST_REDIS_URL (asynq's keys are global within a database, and
// packages test in parallel), flushes it, and returns its URL. The lease is
// a key in database 0, refreshed while t runs and released at its end.
func NewRedisDatabase(t testing.TB) string {
	t.Helper()
	raw := os.Getenv(EnvRedis)
	if raw == "" {
		t.Fatalf("%s is not set", EnvRedis)
	}
	opt, err := redis.ParseURL(raw)
	if err != nil {
		t.Fatalf("%s=%q: %v", EnvRedis, raw, err)
	}
	opt.DB = 0
	admin := redis.NewClient(opt)
	ctx := context.Background()
	if err := admin.Ping(ctx).Err(); err != nil {
		_ = admin.Close()
		t.Fatalf("redis at %s=%q is unreachable: %v", EnvRedis, raw, err)
	}
	token := randomToken()
	n := lease(t, admin, token)
	stop := make(chan struct{})
	go refresh(admin, n, token, stop)
	opt.DB = n
	c := redis.NewClient(opt)
	if err := c.FlushDB(ctx).Err(); err != nil {
		t.Fatalf("flush redis db %d: %v", n, err)
	}
	_ = c.Close()
	t.Cleanup(func() {
		close(stop)
		c := redis.NewClient(opt)
		_ = c.FlushDB(ctx).Err()
		_ = c.Close()
		admin.Del(ctx, lockKey(n))
		_ = admin.Close()
	})
	return fmt.Sprintf("redis://%s/%d", opt.Addr, n)
}

func lease(t testing.TB, admin *redis.Client, token string) int {
	deadline := time.Now().Add(3 * time.Minute)
	for time.Now().Before(deadline) {
		for n := 1; n < redisDatabases; n++ {
			ok, err := admin.SetNX(context.Background(), lockKey(n), token, lockTTL).Result()
			if err != nil {
				t.Fatalf("lease redis database: %v", err)
			}
			if ok {
				return n
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("no free Redis database after 3 minutes (all 15 leased)")
	return 0
}

func refresh(admin *redis.Client, n int, token string, stop chan struct{}) {
	tick := time.NewTicker(lockTTL / 4)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
			if v, _ := admin.Get(context.Background(), lockKey(n)).Result(); v == token {
				admin.Expire(context.Background(), lockKey(n), lockTTL)
			}
		}
	}
}

func lockKey(n int) string { return fmt.Sprintf("jubako:test:lease:%d", n) }

func randomToken() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// ServeRedis runs a miniredis on a loopback port until t ends, its clock
// moved every second like the embedded one's, so that leases and retention
// expire as they would on a real server.
func ServeRedis(t testing.TB) *miniredis.Miniredis {
	t.Helper()
	m := miniredis.RunT(t)
	stop := make(chan struct{})
	t.Cleanup(func() { close(stop) })
	go broker.KeepTime(m, stop)
	return m
}
