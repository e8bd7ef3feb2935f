package experiment

import (
	"context"
	"encoding/json"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
)

const keyActive = keyPrefix + "active"

// activeRun is the running experiment as the edge needs it.
type activeRun struct {
	ID    string    `json:"id"`
	Split float64   `json:"split"`
	From  time.Time `json:"from"`
	Until time.Time `json:"until"`
}

// Active tells the edge of every process which experiment runs, if any.
// The runner claims the run in Redis (one at a time across the topology);
// each process reads the claim again at most once a second, in the
// background and only when requests come, so an idle process does no work
// and a request never waits for Redis.
type Active struct {
	rdb     redis.UniversalClient
	cur     atomic.Pointer[activeRun]
	checked atomic.Int64
	busy    atomic.Bool
	now     func() time.Time
}

// NewActive reads the running experiment from rdb.
func NewActive(rdb redis.UniversalClient) *Active {
	return &Active{rdb: rdb, now: time.Now}
}

// refreshEvery is how stale a process's view of the running experiment may be.
const refreshEvery = time.Second

// current returns the running experiment, or nil: a cheap atomic read.
func (a *Active) current() *activeRun {
	now := a.now()
	if now.UnixNano()-a.checked.Load() > int64(refreshEvery) && a.busy.CompareAndSwap(false, true) {
		go a.refresh()
	}
	r := a.cur.Load()
	if r == nil || now.Before(r.From) || !now.Before(r.Until) {
		return nil
	}
	return r
}

func (a *Active) refresh() {
	defer a.busy.Store(false)
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	data, err := a.rdb.Get(ctx, keyActive).Bytes()
	a.checked.Store(a.now().UnixNano())
	if err != nil {
		if err == redis.Nil {
			a.cur.Store(nil)
		}
		return
	}
	var r activeRun
	if json.Unmarshal(data, &r) == nil {
		a.cur.Store(&r)
	}
}

// claim makes r the running experiment, unless another one runs.
func (a *Active) claim(ctx context.Context, r activeRun, ttl time.Duration) (bool, error) {
	data, _ := json.Marshal(r)
	ok, err := a.rdb.SetNX(ctx, keyActive, data, ttl).Result()
	if ok {
		a.cur.Store(&r)
		a.checked.Store(a.now().UnixNano())
	}
	return ok, err
}

// release ends the split of run id, here at once, elsewhere within a second.
func (a *Active) release(ctx context.Context, id string) error {
	if r := a.cur.Load(); r != nil && r.ID == id {
		a.cur.Store(nil)
	}
	// Delete the claim only if it is still this run's.
	return releaseScript.Run(ctx, a.rdb, []string{keyActive}, `"id":"`+id+`"`).Err()
}

var releaseScript = redis.NewScript(`
local v = redis.call("GET", KEYS[1])
if v and string.find(v, ARGV[1], 1, true) then return redis.call("DEL", KEYS[1]) end
return 0`)

// running returns the claim in Redis, if any.
func (a *Active) running(ctx context.Context) (activeRun, bool, error) {
	data, err := a.rdb.Get(ctx, keyActive).Bytes()
	if err == redis.Nil {
		return activeRun{}, false, nil
	}
	if err != nil {
		return activeRun{}, false, err
	}
	var r activeRun
	return r, json.Unmarshal(data, &r) == nil, nil
}
