package testkit

import (
	"testing"
	"time"
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
