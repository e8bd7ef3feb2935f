package chaos

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

// The Redis keys: every process of a topology shares them.
const (
	// keyFaults is a hash of the faults by id, as JSON. It expires when its
	// longest fault ends; a fault past its end is ignored until then.
	keyFaults = "jubako:chaos:faults"
	// keyVersion counts the changes, so that processes notice them.
	keyVersion = "jubako:chaos:version"
)

// Store keeps the faults of a topology in Redis and applies them in this
// process (Bus, Routes) from an in-memory snapshot that follows Redis: at
// once through Pub/Sub, within pollInterval should a message be lost. It
// implements Faults.
type Store struct {
	rdb      redis.UniversalClient
	known    func(string) bool
	log      *slog.Logger
	injected *prometheus.CounterVec

	active atomic.Pointer[snapshot]
	// mu orders refreshes: a slow one never overwrites a newer one.
	mu     sync.Mutex
	seen   int64
	failed bool
	sub    *redis.PubSub
	stop   chan struct{}
	// done hears from the two goroutines of Start as they end.
	done chan struct{}
}

var _ Faults = (*Store)(nil)

// NewStore returns a store on rdb that accepts the targets b knows and
// counts injections in reg (jubako_chaos_injected_total).
func NewStore(rdb redis.UniversalClient, b *bus.Bus, reg prometheus.Registerer, log *slog.Logger) *Store {
	s := &Store{rdb: rdb, known: knownTo(b), log: log.With("component", "chaos"),
		injected: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "jubako_chaos_injected_total", Help: "Faults injected into calls, deliveries and requests served here, by target and kind.",
		}, []string{"target", "kind"})}
	if reg != nil {
		reg.MustRegister(s.injected)
	}
	return s
}

// Add validates f, gives it an id and its expiry, and stores it for every
// process. It applies here at once, in the others as soon as they hear of it.
func (s *Store) Add(ctx context.Context, f Fault) (Fault, error) {
	if err := validate(&f, s.known); err != nil {
		return Fault{}, err
	}
	f.ID, f.Created = uuid.NewString(), time.Now().UTC()
	f.Expires = f.Created.Add(f.TTL)
	raw, err := json.Marshal(f)
	if err != nil {
		return Fault{}, err
	}
	ttl := f.TTL.Milliseconds() + 1
	_, err = s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.HSet(ctx, keyFaults, f.ID, raw)
		// The hash lives as long as its longest fault: NX sets the
		// expiry of a new hash, GT lengthens it.
		p.Do(ctx, "pexpire", keyFaults, ttl, "nx")
		p.Do(ctx, "pexpire", keyFaults, ttl, "gt")
		announce(ctx, p)
		return nil
	})
	if err != nil {
		return Fault{}, unavailable("add the fault", err)
	}
	s.refresh(ctx)
	return f, nil
}

// Remove ends one fault. An unknown or ended one is shared.CodeNotFound.
func (s *Store) Remove(ctx context.Context, id string) error {
	raw, err := s.rdb.HGet(ctx, keyFaults, id).Bytes()
	if errors.Is(err, redis.Nil) {
		return notFound(id)
	}
	if err != nil {
		return unavailable("remove the fault", err)
	}
	var f Fault
	if json.Unmarshal(raw, &f) != nil || !time.Now().Before(f.Expires) {
		return notFound(id)
	}
	_, err = s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.HDel(ctx, keyFaults, id)
		announce(ctx, p)
		return nil
	})
	if err != nil {
		return unavailable("remove the fault", err)
	}
	s.refresh(ctx)
	return nil
}

// Halt ends every fault.
func (s *Store) Halt(ctx context.Context) error {
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Del(ctx, keyFaults)
		announce(ctx, p)
		return nil
	})
	if err != nil {
		return unavailable("halt the faults", err)
	}
	s.refresh(ctx)
	return nil
}

// List returns the active faults, oldest first, as Redis has them.
func (s *Store) List(ctx context.Context) ([]Fault, error) {
	all, err := s.rdb.HGetAll(ctx, keyFaults).Result()
	if err != nil {
		return nil, unavailable("list the faults", err)
	}
	return active(all, time.Now()), nil
}

// announce moves the version and tells every process, in the transaction
// of a change.
func announce(ctx context.Context, p redis.Pipeliner) {
	p.Incr(ctx, keyVersion)
	p.Publish(ctx, keyChanged, "")
}

// active decodes the faults of the hash that have not ended, oldest first.
func active(hash map[string]string, now time.Time) []Fault {
	out := make([]Fault, 0, len(hash))
	for _, raw := range hash {
		var f Fault
		if json.Unmarshal([]byte(raw), &f) == nil && now.Before(f.Expires) {
			out = append(out, f)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Created.Before(out[j].Created) })
	return out
}

func notFound(id string) error {
	return shared.Errorf(shared.CodeNotFound, "no active fault %q: it ended or never existed", id)
}

func unavailable(what string, err error) error {
	return shared.Errorf(shared.CodeUnavailable, "chaos: %s: Redis: %w", what, err)
}
