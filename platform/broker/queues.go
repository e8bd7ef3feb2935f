package broker

import (
	"slices"

	"github.com/hibiken/asynq"
)

// Queues describes every asynq queue Redis knows: its tasks by state,
// today's counts and the age of its oldest pending task. A queue that
// vanishes while being read is left out; any other failure is returned.
func (b *Broker) Queues() ([]*asynq.QueueInfo, error) {
	names, err := b.Inspector.Queues()
	if err != nil {
		return nil, err
	}
	out := make([]*asynq.QueueInfo, 0, len(names))
	for _, q := range names {
		info, err := b.Inspector.GetQueueInfo(q)
		if err != nil {
			// asynq does not export the error of a missing queue here: ask again.
			if now, lerr := b.Inspector.Queues(); lerr != nil || slices.Contains(now, q) {
				return nil, err
			}
			continue
		}
		out = append(out, info)
	}
	return out, nil
}
