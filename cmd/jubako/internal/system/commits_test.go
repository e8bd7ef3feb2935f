package system

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/jubako/jubako/cmd/jubako/internal/linked"
	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/platform/testkit"
)

// checkoutWrites is how many write transactions one completed checkout
// costs the monolith: the order with its saga (1), then for each of the six
// steps the participant's own transaction and the saga's, which also
// records the step message as done and sends the next one (12), and the
// orders' daily sales catching up with the completion (1). Dispatch
// records and completion marks share those transactions.
const checkoutWrites = 14

// TestCheckoutWriteTransactions counts the write transactions of one
// checkout, from its POST to the order COMPLETED and the outbox at rest. A
// first checkout warms the process up: with a shared Redis, the first event
// of a topic goes through the relay, which asks the registry who subscribes.
func TestCheckoutWriteTransactions(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := testkit.Start(t, be, shopSettings, linked.Modules()...)
		s := &shop{url: p.URL, admin: testkit.AdminAuthorization}
		c := s.customer()
		c.add(t, sunglasses, 1)
		completed(t, c)
		c.add(t, sunglasses, 1)
		projected(t, s)
		quiet(t, p)
		before := p.DB.Writes()
		completed(t, c)
		projected(t, s)
		quiet(t, p)
		if got := p.DB.Writes() - before; got != checkoutWrites {
			t.Errorf("one checkout took %d write transactions, want %d", got, checkoutWrites)
		}
	})
}

// completed checks c's cart out and waits for the order to complete.
func completed(t *testing.T, c *customer) {
	t.Helper()
	status, id, body := c.checkout(t, form(nil), "")
	if status != http.StatusAccepted {
		t.Fatalf("checkout: %d %s", status, body)
	}
	if o := c.settled(t, id); o.Status != orders.StatusCompleted {
		t.Fatalf("order %s: %s (%s)", id, o.Status, o.CancellationReason)
	}
}

// quiet waits until the process has written nothing for half a second.
func quiet(t *testing.T, p *testkit.Process) {
	t.Helper()
	last := p.DB.Writes()
	testkit.Eventually(t, 10*time.Second, func() bool {
		time.Sleep(500 * time.Millisecond)
		now := p.DB.Writes()
		defer func() { last = now }()
		return now == last
	}, func() string { return "the process kept writing" })
}

// projected waits until the orders' projections have applied every event:
// on PostgreSQL a transaction anywhere on the server (another test's)
// holds the tailing one back for a while.
func projected(t *testing.T, s *shop) {
	t.Helper()
	var list orders.Projections
	testkit.Eventually(t, 20*time.Second, func() bool {
		s.adminGet(t, "/api/admin/projections", &list)
		for _, p := range list.Projections {
			if p.Lag != 0 {
				return false
			}
		}
		return true
	}, func() string { return fmt.Sprintf("projections %+v", list.Projections) })
}
