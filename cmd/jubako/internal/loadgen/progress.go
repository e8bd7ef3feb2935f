package loadgen

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
	"golang.org/x/term"
)

// refresh is how often the progress is redrawn.
const refresh = 500 * time.Millisecond

// Progress shows the run live on w until the returned stop is called: on
// a terminal, a bar for the run's time with its users, request rate and
// failed tasks, and a line per task with its count, errors and
// percentiles (mpb); elsewhere (a file, a pipe, a terminal without a
// size), a plain line every five seconds.
func Progress(w io.Writer, r *Run) (stop func()) {
	done, finished := make(chan struct{}), make(chan struct{})
	if terminal(w) {
		go live(w, r, done, finished)
	} else {
		go plain(w, r, done, finished)
	}
	return func() { close(done); <-finished }
}

// terminal tells whether w is a terminal with a width to draw in.
func terminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return false
	}
	width, _, err := term.GetSize(int(f.Fd()))
	return err == nil && width > 0
}

// live draws the bars until done.
func live(w io.Writer, r *Run, done <-chan struct{}, finished chan<- struct{}) {
	defer close(finished)
	var last atomic.Pointer[Snapshot]
	s := r.Snapshot()
	last.Store(&s)
	total := r.opts.Duration.Milliseconds()
	p := mpb.New(mpb.WithOutput(w), mpb.WithWidth(24), mpb.WithRefreshRate(refresh))
	head := p.New(total, mpb.BarStyle(),
		mpb.PrependDecorators(decor.Any(func(decor.Statistics) string { return clock(*last.Load(), r.opts.Duration) })),
		mpb.AppendDecorators(decor.Any(func(decor.Statistics) string { return summary(*last.Load()) })))
	var lines []*mpb.Bar
	for i := range tasks {
		lines = append(lines, p.New(0, mpb.NopStyle(),
			mpb.PrependDecorators(decor.Any(func(decor.Statistics) string { return taskLine(last.Load().Tasks[i]) }))))
	}
	tick := time.NewTicker(refresh)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
			s := r.Snapshot()
			last.Store(&s)
			head.SetCurrent(min(s.Elapsed.Milliseconds(), total))
		case <-done:
			s := r.Snapshot()
			last.Store(&s)
			head.SetCurrent(total)
			for _, l := range lines {
				l.Abort(false)
			}
			p.Wait()
			return
		}
	}
}

// plain writes a line every five seconds until done.
func plain(w io.Writer, r *Run, done <-chan struct{}, finished chan<- struct{}) {
	defer close(finished)
	tick := time.NewTicker(5 * time.Second)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
			s := r.Snapshot()
			parts := []string{clock(s, r.opts.Duration), summary(s)}
			for _, t := range s.Tasks {
				parts = append(parts, fmt.Sprintf("%s p50/p95/p99 %s/%s/%s", t.Name, msText(t.P50), msText(t.P95), msText(t.P99)))
			}
			fmt.Fprintln(w, strings.Join(parts, " · "))
		case <-done:
			return
		}
	}
}

func clock(s Snapshot, of time.Duration) string {
	return fmt.Sprintf("%s / %s", s.Elapsed.Truncate(time.Second), of)
}

func summary(s Snapshot) string {
	line := fmt.Sprintf("%d users · %d req/s · %d requests · %d failed tasks", s.Users, s.LastSecond().Requests, s.Requests, s.Errors)
	if s.RateLimited > 0 {
		line += fmt.Sprintf(" (%d answers 429: rate limited)", s.RateLimited)
	}
	return line
}

func taskLine(t TaskSummary) string {
	return fmt.Sprintf("  %-14s %7d done %5d failed   p50 %8s  p95 %8s  p99 %8s", t.Name, t.Count, t.Errors, msText(t.P50), msText(t.P95), msText(t.P99))
}

func msText(d time.Duration) string {
	return fmt.Sprintf("%.1fms", float64(d)/float64(time.Millisecond))
}
