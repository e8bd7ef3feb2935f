package launch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"time"
)

// process is a started replica.
type process struct {
	replica
	cmd  *exec.Cmd
	out  *prefixer
	done chan struct{}
	// err is how the process ended, once done is closed.
	err error
}

// group is the running processes of a topology.
type group struct {
	procs  []*process
	exited chan *process
}

func newGroup(n int) *group { return &group{exited: make(chan *process, n)} }

// start runs bin as replica r, its output prefixed with r's name.
func (g *group) start(c *console, r replica, bin string, env []string, width int) error {
	p := &process{replica: r, cmd: exec.Command(bin), out: newPrefixer(c, r.name, width), done: make(chan struct{})}
	p.cmd.Env, p.cmd.Stdout, p.cmd.Stderr = env, p.out, p.out
	if err := p.cmd.Start(); err != nil {
		return fmt.Errorf("start %s: %w", r.name, err)
	}
	g.procs = append(g.procs, p)
	go func() {
		p.err = p.cmd.Wait()
		p.out.flush()
		close(p.done)
		g.exited <- p
	}()
	return nil
}

// waitReady waits until every process answers /readyz with 200, and fails
// when one exits first or timeout passes.
func (g *group) waitReady(ctx context.Context, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	client := &http.Client{Timeout: time.Second}
	for _, p := range g.procs {
		for !ready(ctx, client, p.addr) {
			select {
			case <-p.done:
				return fmt.Errorf("%s exited before it was ready (%s)", p.name, ending(p.err))
			case <-ctx.Done():
				return fmt.Errorf("%s was not ready within %s: %w", p.name, timeout, ctx.Err())
			case <-time.After(250 * time.Millisecond):
			}
		}
	}
	return nil
}

func ready(ctx context.Context, client *http.Client, addr string) bool {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/readyz", nil)
	if err != nil {
		return false
	}
	res, err := client.Do(req)
	if err != nil {
		return false
	}
	res.Body.Close()
	return res.StatusCode == http.StatusOK
}

// stop interrupts every live process, kills those still running after
// grace, and waits for all. It reports the processes that did not end
// cleanly, except those that had exited before.
func (g *group) stop(grace time.Duration) error {
	var stopped []*process
	for _, p := range g.procs {
		select {
		case <-p.done:
		default:
			_ = p.cmd.Process.Signal(os.Interrupt)
			stopped = append(stopped, p)
		}
	}
	kill := time.AfterFunc(grace, func() {
		for _, p := range stopped {
			_ = p.cmd.Process.Kill()
		}
	})
	defer kill.Stop()
	var errs []error
	for _, p := range stopped {
		<-p.done
		if p.err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p.name, p.err))
		}
	}
	return errors.Join(errs...)
}
