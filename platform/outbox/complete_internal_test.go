package outbox

import "testing"

// TestCompletionAfterStopIsDropped: a local handler may outlive the drain
// of Stop; its completion mark is then dropped (the sweeper sends the
// delivery again), not sent on a closed channel.
func TestCompletionAfterStopIsDropped(t *testing.T) {
	c := newCompleter(nil)
	go c.run(func(err error) { t.Error(err) })
	c.stop()
	c.add("m1", "probe")
}
