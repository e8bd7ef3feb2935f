package app

import (
	"context"
	"slices"
	"sync"
	"time"
)

// part is an optional part of a page, fetched in the background under its
// own deadline while the rest of the page is built.
type part[T any] struct {
	name     string
	deadline time.Time
	done     chan struct{}
	val      T
	err      error
}

// fetch starts fn for the part named name; it has until timeout.
func fetch[T any](ctx context.Context, timeout time.Duration, name string, fn func(context.Context) (T, error)) *part[T] {
	p := &part[T]{name: name, deadline: time.Now().Add(timeout), done: make(chan struct{})}
	go func() {
		defer close(p.done)
		ctx, cancel := context.WithDeadline(ctx, p.deadline)
		defer cancel()
		p.val, p.err = fn(ctx)
	}()
	return p
}

// wait returns the part's value, or the zero value when it failed or was
// not ready by its deadline — a handler that ignores its context cannot
// hold the page up — and then records the part in d.
func (p *part[T]) wait(d *degraded) T {
	if !p.finished() || p.err != nil {
		d.add(p.name)
		var zero T
		return zero
	}
	return p.val
}

// finished waits for the part until its deadline.
func (p *part[T]) finished() bool {
	select {
	case <-p.done:
		return true
	default:
	}
	timer := time.NewTimer(time.Until(p.deadline))
	defer timer.Stop()
	select {
	case <-p.done:
		return true
	case <-timer.C:
		return false
	}
}

// degraded collects the parts left out of a page.
type degraded struct {
	mu    sync.Mutex
	names []string
}

// degradedBy starts a list with the parts a composed page left out.
func degradedBy(names []string) *degraded { return &degraded{names: append([]string{}, names...)} }

func (d *degraded) add(name string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.names = append(d.names, name)
}

// list returns the names, sorted; empty, never nil.
func (d *degraded) list() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := append([]string{}, d.names...)
	slices.Sort(out)
	return out
}
