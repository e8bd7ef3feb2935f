package outbox

import "sync/atomic"

// pathCounts counts one queue's deliveries handled here, by the path they
// took.
type pathCounts struct{ local, asynq atomic.Int64 }

// counted records a delivery of queue handled here, in memory or from asynq.
func (o *Outbox) counted(queue string, local bool) {
	c, ok := o.counts.Load(queue)
	if !ok {
		c, _ = o.counts.LoadOrStore(queue, &pathCounts{})
	}
	if local {
		c.(*pathCounts).local.Add(1)
	} else {
		c.(*pathCounts).asynq.Add(1)
	}
}

// Handled is how many deliveries of one queue this process handled, by path.
type Handled struct {
	Local, Asynq int64
}

// HandledByQueue reports the deliveries this process handled since it
// started, per queue.
func (o *Outbox) HandledByQueue() map[string]Handled {
	out := map[string]Handled{}
	o.counts.Range(func(k, v any) bool {
		c := v.(*pathCounts)
		out[k.(string)] = Handled{Local: c.local.Load(), Asynq: c.asynq.Load()}
		return true
	})
	return out
}

// Waiting is how many deliveries wait in memory for a local worker.
func (o *Outbox) Waiting() int { return len(o.jobs) }
