package launch

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jubako/jubako/cmd/jubako/internal/topology"
)

// run starts every replica of l and the balancers of replicated services,
// waits for them to be ready, then until ctx ends or a process exits.
func run(ctx context.Context, c *console, p *topology.Plan, l *layout, cmd func(replica) (string, []string), readyTimeout time.Duration) error {
	for _, s := range p.Services {
		if backends := l.backends(s); len(backends) > 0 {
			b, err := listenBalancer(l.addrs[s.Name], backends)
			if err != nil {
				return fmt.Errorf("%s: %w", s.Name, err)
			}
			defer b.close()
		}
	}
	g := newGroup(len(l.replicas))
	grace := p.StopTimeout + 5*time.Second
	for _, r := range l.replicas {
		bin, env := cmd(r)
		if err := g.start(c, r, bin, env, width(l)); err != nil {
			return errors.Join(err, g.stop(grace))
		}
	}
	if err := g.waitReady(ctx, readyTimeout); err != nil {
		if ctx.Err() != nil { // stopped while starting
			return g.stop(grace)
		}
		return errors.Join(err, g.stop(grace))
	}
	c.write([]byte(summary(p, l)))
	var failed error
	select {
	case <-ctx.Done():
		c.write([]byte("stopping\n"))
	case proc := <-g.exited:
		failed = fmt.Errorf("%s exited (%s): stopping the topology", proc.name, ending(proc.err))
		c.write([]byte(failed.Error() + "\n"))
	}
	return errors.Join(failed, g.stop(grace))
}

// ending says how a process that was not asked to stop ended.
func ending(err error) string {
	if err == nil {
		return "exit status 0"
	}
	return err.Error()
}
