package testkit

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/jubako/jubako/shared"
)

// Eventually polls cond every 20ms until it holds or timeout passes, then
// fails t with what describe says about the last state.
func Eventually(t testing.TB, timeout time.Duration, cond func() bool, describe func() string) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("still not done after %s: %s", timeout, describe())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// WantInvalid fails t unless err is shared.ErrInvalid naming field.
func WantInvalid(t testing.TB, err error, field string) {
	t.Helper()
	if !errors.Is(err, shared.ErrInvalid) {
		t.Fatalf("error %v, want Invalid with field %q", err, field)
	}
	if got := shared.AsError(err).Field; got != field {
		t.Errorf("error %v names field %q, want %q", err, got, field)
	}
}

// Together runs fns at once — released by one signal — and waits for all.
func Together(fns ...func()) {
	var wg sync.WaitGroup
	start := make(chan struct{})
	for _, fn := range fns {
		wg.Go(func() {
			<-start
			fn()
		})
	}
	close(start)
	wg.Wait()
}
