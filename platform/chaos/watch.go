package chaos

import (
	"context"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
)

// keyChanged is the Pub/Sub channel on which a change of the faults
// reaches every process at once.
const keyChanged = "jubako:chaos:changed"

// pollInterval is how often a process also reads the version (one GET), in
// case it missed a change's message. Waking up every second instead cost
// an idle process a quarter of a percent of a core.
const pollInterval = 10 * time.Second

// Start loads the faults and follows their changes: a message on
// keyChanged makes it reload, and so does a version in Redis it has not
// seen (read every pollInterval). It never fails: while Redis is
// unreachable the process keeps the faults it last saw (each still ends at
// its expiry) and logs it once.
func (s *Store) Start(ctx context.Context) error {
	s.stop, s.done = make(chan struct{}), make(chan struct{})
	s.sub = s.rdb.Subscribe(ctx, keyChanged)
	s.refresh(ctx)
	go s.listen()
	go s.watch()
	return nil
}

// Stop ends the watch.
func (s *Store) Stop(context.Context) error {
	if s.stop == nil {
		return nil
	}
	close(s.stop)
	_ = s.sub.Close()
	<-s.done
	<-s.done
	return nil
}

// listen reloads on every change announced, and after (re)subscribing:
// changes may have gone unheard meanwhile.
func (s *Store) listen() {
	defer func() { s.done <- struct{}{} }()
	for {
		msg, err := s.sub.Receive(context.Background())
		switch msg.(type) {
		case *redis.Message, *redis.Subscription:
			s.reload()
		}
		if err == nil {
			continue
		}
		if errors.Is(err, redis.ErrClosed) {
			return
		}
		s.unreachable(err)
		select {
		case <-s.stop:
			return
		case <-time.After(time.Second):
		}
	}
}

func (s *Store) watch() {
	defer func() { s.done <- struct{}{} }()
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
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
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

func (s *Store) reload() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	s.refresh(ctx)
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
