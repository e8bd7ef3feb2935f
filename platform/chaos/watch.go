package chaos

import (
	"context"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
)

// Start loads the faults and follows their changes: every second it reads
// the version in Redis (one GET) and reloads when it moved. It never fails:
// while Redis is unreachable the process keeps the faults it last saw (each
// still ends at its expiry) and logs it once.
func (s *Store) Start(ctx context.Context) error {
	s.stop, s.done = make(chan struct{}), make(chan struct{})
	s.refresh(ctx)
	go s.watch()
	return nil
}

// Stop ends the watch.
func (s *Store) Stop(context.Context) error {
	if s.stop != nil {
		close(s.stop)
		<-s.done
	}
	return nil
}

func (s *Store) watch() {
	defer close(s.done)
	t := time.NewTicker(pollInterval)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			s.poll()
		}
	}
}

// poll reloads when the version moved, and drops a snapshot whose faults
// all ended, so that calls go back to the fast path.
func (s *Store) poll() {
	ctx, cancel := context.WithTimeout(context.Background(), pollInterval)
	defer cancel()
	v, err := s.version(ctx)
	s.mu.Lock()
	changed := err == nil && (v != s.seen || s.failed)
	s.mu.Unlock()
	if err != nil {
		s.unreachable(err)
	}
	if changed {
		s.refresh(ctx)
		return
	}
	if snap := s.active.Load(); snap != nil && !time.Now().Before(snap.ends) {
		s.active.CompareAndSwap(snap, nil)
	}
}

// refresh replaces the snapshot with what Redis holds.
func (s *Store) refresh(ctx context.Context) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var version *redis.StringCmd
	var hash *redis.MapStringStringCmd
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		version, hash = p.Get(ctx, keyVersion), p.HGetAll(ctx, keyFaults)
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		s.failedLocked(err)
		return
	}
	if s.failed {
		s.failed = false
		s.log.Info("chaos: Redis answers again; faults reloaded")
	}
	s.seen, _ = version.Int64()
	s.active.Store(newSnapshot(active(hash.Val(), time.Now()), time.Now()))
}

func (s *Store) version(ctx context.Context) (int64, error) {
	v, err := s.rdb.Get(ctx, keyVersion).Int64()
	if errors.Is(err, redis.Nil) {
		return 0, nil
	}
	return v, err
}

func (s *Store) unreachable(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failedLocked(err)
}

func (s *Store) failedLocked(err error) {
	if !s.failed {
		s.failed = true
		s.log.Warn("chaos: Redis unreachable; keeping the faults last seen until it answers", "error", err)
	}
}
