package local_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/jubako/jubako/modules/inventory"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// step is one call in a scripted scenario and what a user sees after it.
type step struct {
	name   string
	call   func(p *testkit.Process) (inventory.Reservation, error)
	status string
	err    error
	stock  map[string]level
}

func reserve(key string, ls ...inventory.Line) func(p *testkit.Process) (inventory.Reservation, error) {
	return func(p *testkit.Process) (inventory.Reservation, error) {
		return inventory.Reserve.Call(ctx, p.Bus, inventory.ReserveRequest{Key: key, Reference: "order-" + key, Lines: ls})
	}
}

func commit(key string) func(p *testkit.Process) (inventory.Reservation, error) {
	return func(p *testkit.Process) (inventory.Reservation, error) {
		return inventory.Commit.Call(ctx, p.Bus, inventory.KeyRequest{Key: key})
	}
}

func release(key string) func(p *testkit.Process) (inventory.Reservation, error) {
	return func(p *testkit.Process) (inventory.Reservation, error) {
		return inventory.Release.Call(ctx, p.Bus, inventory.KeyRequest{Key: key})
	}
}

func run(t *testing.T, p *testkit.Process, steps []step) {
	t.Helper()
	for _, s := range steps {
		r, err := s.call(p)
		expectErr(t, s.name, err, s.err)
		if s.err == nil && r.Status != s.status {
			t.Fatalf("%s: status %q, want %q", s.name, r.Status, s.status)
		}
		expectStock(t, p, s.stock)
		if t.Failed() {
			t.FailNow()
		}
	}
}

// Every step keeps on hand + reserved + sold at 10 for A and B.
func TestReserveCommitReleaseArithmetic(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be, nil)
		setStock(t, p, "A", 10)
		setStock(t, p, "B", 10)
		notFound := shared.ErrNotFound
		run(t, p, []step{
			{"reserve k1", reserve("k1", lines("A", 3, "B", 2)...), "RESERVED", nil, map[string]level{"A": {7, 3, 0}, "B": {8, 2, 0}}},
			{"commit k1", commit("k1"), "COMMITTED", nil, map[string]level{"A": {7, 0, 3}, "B": {8, 0, 2}}},
			{"commit k1 again", commit("k1"), "COMMITTED", nil, map[string]level{"A": {7, 0, 3}, "B": {8, 0, 2}}},
			{"release committed k1", release("k1"), "", inventory.ErrAlreadyCommitted, map[string]level{"A": {7, 0, 3}}},
			{"reserve k2", reserve("k2", lines("A", 4)...), "RESERVED", nil, map[string]level{"A": {3, 4, 3}}},
			{"release k2", release("k2"), "RELEASED", nil, map[string]level{"A": {7, 0, 3}}},
			{"release k2 again", release("k2"), "RELEASED", nil, map[string]level{"A": {7, 0, 3}}},
			{"reserve k2 again takes nothing", reserve("k2", lines("A", 4)...), "RELEASED", nil, map[string]level{"A": {7, 0, 3}}},
			{"commit unknown key", commit("nope"), "", notFound, map[string]level{"A": {7, 0, 3}}},
			{"release unknown key", release("nope"), "RELEASED", nil, map[string]level{"A": {7, 0, 3}}},
			{"reserve the released key", reserve("nope", lines("A", 1)...), "", inventory.ErrReleased, map[string]level{"A": {7, 0, 3}}},
			{"commit the released key", commit("nope"), "", inventory.ErrReleased, map[string]level{"A": {7, 0, 3}}},
			{"commit released k2 takes stock again", commit("k2"), "COMMITTED", nil, map[string]level{"A": {3, 0, 7}}},
			{"reserve all of B", reserve("k3", lines("B", 8)...), "RESERVED", nil, map[string]level{"B": {0, 8, 2}}},
			{"B is out", reserve("k4", lines("B", 1)...), "", inventory.ErrOutOfStock, map[string]level{"B": {0, 8, 2}}},
			{"release k3", release("k3"), "RELEASED", nil, map[string]level{"B": {8, 0, 2}}},
		})
	})
}

func TestReleaseOfUnknownKeyEchoesIt(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be, nil)
		for _, call := range []string{"first", "second"} {
			r, err := inventory.Release.Call(ctx, p.Bus, inventory.KeyRequest{Key: "never-made"})
			if err != nil || r.Key != "never-made" || r.Status != inventory.StatusReleased {
				t.Errorf("%s Release(never-made) = %+v, %v; want the key, RELEASED", call, r, err)
			}
		}
		if n := countRows(t, p, "inventory_reservations"); n != 1 {
			t.Errorf("releasing an unknown key twice stored %d reservations, want one tombstone", n)
		}
		if n := countRows(t, p, "inventory_reservation_lines"); n != 0 {
			t.Errorf("the tombstone holds %d lines, want none", n)
		}
	})
}

func TestReserveIsAllOrNothing(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be, nil)
		setStock(t, p, "A", 5)
		setStock(t, p, "M", 1)
		setStock(t, p, "Z", 5)
		unchanged := map[string]level{"A": {5, 0, 0}, "M": {1, 0, 0}, "Z": {5, 0, 0}, "NEW": {1000, 0, 0}}
		for _, tc := range []struct {
			name  string
			lines []inventory.Line
		}{
			{"short line last", lines("A", 2, "Z", 2, "M", 2)},
			{"short line first", lines("M", 2, "A", 1)},
			{"unstocked product before the short one", lines("NEW", 1, "Z", 6)},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := inventory.Reserve.Call(ctx, p.Bus, inventory.ReserveRequest{Key: tc.name, Lines: tc.lines})
				if !isOutOfStock(err) {
					t.Fatalf("Reserve: error %v, want ErrOutOfStock", err)
				}
				if msg := shared.AsError(err).Message; !strings.Contains(msg, `"M"`) && !strings.Contains(msg, `"Z"`) {
					t.Errorf("message %q does not name the product short of stock", msg)
				}
				expectStock(t, p, unchanged)
				if _, err := inventory.Commit.Call(ctx, p.Bus, inventory.KeyRequest{Key: tc.name}); !errors.Is(err, shared.ErrNotFound) {
					t.Errorf("Commit after a failed Reserve: %v, want NotFound (nothing stored)", err)
				}
			})
		}
		if n := countRows(t, p, "inventory_reservation_lines"); n != 0 {
			t.Errorf("failed reservations left %d lines", n)
		}
		r, err := inventory.Reserve.Call(ctx, p.Bus, inventory.ReserveRequest{Key: "short line first", Lines: lines("M", 1, "A", 1)})
		if err != nil || r.Status != inventory.StatusReserved {
			t.Fatalf("retrying a failed key with less: %+v, %v", r, err)
		}
		expectStock(t, p, map[string]level{"A": {4, 1, 0}, "M": {0, 1, 0}})
	})
}

func TestReserveIsIdempotentPerKey(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be, nil)
		// "a" sorts after "B" in bytes, before it in most collations: lines
		// must compare alike whatever order the database returns them in.
		setStock(t, p, "a", 10)
		req := inventory.ReserveRequest{Key: "saga-1:reserve", Reference: "order-1", Lines: lines("a", 2, "B", 1)}
		first, err := inventory.Reserve.Call(ctx, p.Bus, req)
		expectErr(t, "first reserve", err, nil)
		if ttl := time.Until(first.ExpiresAt); ttl < 14*time.Minute || ttl > 15*time.Minute {
			t.Errorf("expires in %s, want the default 15m", ttl)
		}
		reordered := req
		reordered.Lines = lines("B", 1, "a", 2)
		again, err := inventory.Reserve.Call(ctx, p.Bus, reordered)
		expectErr(t, "same request again", err, nil)
		if again.Key != first.Key || again.Status != first.Status || !again.ExpiresAt.Equal(first.ExpiresAt) {
			t.Errorf("retry gave %+v, first call %+v", again, first)
		}
		expectStock(t, p, map[string]level{"a": {8, 2, 0}, "B": {999, 1, 0}})

		for name, other := range map[string]inventory.ReserveRequest{
			"other quantity":  {Key: req.Key, Reference: req.Reference, Lines: lines("a", 3, "B", 1)},
			"fewer lines":     {Key: req.Key, Reference: req.Reference, Lines: lines("a", 2)},
			"other product":   {Key: req.Key, Reference: req.Reference, Lines: lines("a", 2, "C", 1)},
			"other reference": {Key: req.Key, Reference: "order-2", Lines: req.Lines},
		} {
			_, err := inventory.Reserve.Call(ctx, p.Bus, other)
			if !errors.Is(err, shared.ErrConflict) || errors.Is(err, inventory.ErrOutOfStock) {
				t.Errorf("%s under the same key: %v, want a Conflict", name, err)
			}
		}
		expectStock(t, p, map[string]level{"a": {8, 2, 0}, "B": {999, 1, 0}, "C": {1000, 0, 0}})
		if n := countRows(t, p, "inventory_reservations"); n != 1 {
			t.Errorf("%d reservations stored, want 1", n)
		}
	})
}
