package outbox

import (
	"errors"
	"sync"
	"time"

	"github.com/hibiken/asynq"
)

// workerSilence is how long an active asynq task may go unlisted by every
// live asynq server before the sweeper counts its worker dead. A server
// lists the tasks it runs at each of its heartbeats (every 5 s, fixed by
// asynq) and drops out of the list 10 s after its last one, so a task a
// live server runs is listed within a heartbeat of its start, and a killed
// process's tasks are unlisted 10 s after the kill — where their lease
// (30 s, fixed by asynq) would keep them for up to 30 s.
const workerSilence = 6 * time.Second

// activeTasks remembers since when this process's sweeper has seen each
// active task, so that a task started after its server's last heartbeat
// is not taken for an orphan.
type activeTasks struct {
	mu    sync.Mutex
	since map[string]time.Time
}

// seen returns the first sighting of each id (now for new ones) and
// forgets the tasks that are no longer active.
func (a *activeTasks) seen(ids []string, now time.Time) map[string]time.Time {
	a.mu.Lock()
	defer a.mu.Unlock()
	out := make(map[string]time.Time, len(ids))
	for _, id := range ids {
		since, ok := a.since[id]
		if !ok {
			since = now
		}
		out[id] = since
	}
	a.since = out
	return out
}

// orphans lists the active tasks whose worker died: no live asynq server
// has listed them for workerSilence, or their lease ran out. asynq would
// retry them only after its own recovery interval (a minute or more); the
// sweeper does not wait that long. The servers are read before the tasks:
// a task active then and still active now, seen long enough, was in its
// live server's list.
func (o *Outbox) orphans() (map[string]bool, error) {
	now := time.Now()
	held, err := o.heldTasks()
	if err != nil {
		return nil, err
	}
	queues, err := o.broker.Inspector.Queues()
	if err != nil {
		return nil, err
	}
	var active []*asynq.TaskInfo
	for _, q := range queues {
		tasks, err := o.broker.Inspector.ListActiveTasks(q, asynq.PageSize(1000))
		if err != nil && !errors.Is(err, asynq.ErrQueueNotFound) {
			return nil, err
		}
		active = append(active, tasks...)
	}
	ids := make([]string, len(active))
	for i, t := range active {
		ids[i] = t.ID
	}
	since := o.active.seen(ids, now)
	out := map[string]bool{}
	for _, t := range active {
		if t.IsOrphaned || (!held[t.ID] && now.Sub(since[t.ID]) >= workerSilence) {
			out[t.ID] = true
		}
	}
	return out, nil
}

// heldTasks lists the tasks the live asynq servers run, as of their last
// heartbeat.
func (o *Outbox) heldTasks() (map[string]bool, error) {
	servers, err := o.broker.Inspector.Servers()
	if err != nil {
		return nil, err
	}
	held := map[string]bool{}
	for _, s := range servers {
		for _, w := range s.ActiveWorkers {
			held[w.TaskID] = true
		}
	}
	return held, nil
}
