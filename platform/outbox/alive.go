package outbox

import (
	"context"
	"time"
)

const aliveKeyPrefix = "jubako:outbox:alive:"

// beat tells Redis that this process is alive for outbox.alive_ttl.
func (o *Outbox) beat(ctx context.Context) error {
	return o.broker.Redis.Set(ctx, aliveKeyPrefix+o.id, 1, o.cfg.AliveTTL).Err()
}

// beatLoop beats three times per outbox.alive_ttl until ctx ends.
func (o *Outbox) beatLoop(ctx context.Context) {
	t := time.NewTicker(o.cfg.AliveTTL / 3)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := o.beat(ctx); err != nil && ctx.Err() == nil {
				o.log.Warn("outbox heartbeat failed", "error", err)
			}
		}
	}
}

// unbeat says this process is gone, so that others need not wait for its
// heartbeat to expire.
func (o *Outbox) unbeat() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_ = o.broker.Redis.Del(ctx, aliveKeyPrefix+o.id).Err()
}

// alive reports whether the process owner beat within its alive_ttl.
func (o *Outbox) alive(ctx context.Context, owner string) (bool, error) {
	if owner == o.id {
		return true, nil
	}
	n, err := o.broker.Redis.Exists(ctx, aliveKeyPrefix+owner).Result()
	return n == 1, err
}
