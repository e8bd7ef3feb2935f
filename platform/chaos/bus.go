package chaos

import (
	"context"
	"time"

	"github.com/jubako/jubako/platform/bus"
)

// Bus is the bus middleware that applies the faults where their target is
// served: to calls run by a handler of this process (also those that came
// from another process over the remote transport) and to deliveries of
// events to this process's subscribers. Calls this process sends to
// another go through untouched: the faults apply over there. With no
// fault active it costs one atomic load.
func (s *Store) Bus(next bus.Handler) bus.Handler {
	return func(ctx context.Context, c *bus.Call) error {
		snap := s.active.Load()
		if snap == nil || c.Remote {
			return next(ctx, c)
		}
		if f := snap.forCall(ctx, c, time.Now()); f != nil {
			if err := s.inject(ctx, f); err != nil {
				return err
			}
		}
		return next(ctx, c)
	}
}
