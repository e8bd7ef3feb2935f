package broker

import "github.com/hibiken/asynq"

// Queues describes every asynq queue Redis knows: its tasks by state,
// today's counts and the age of its oldest pending task. A queue that
// vanishes while being read is left out.
func (b *Broker) Queues() ([]*asynq.QueueInfo, error) {
	names, err := b.Inspector.Queues()
	if err != nil {
		return nil, err
	}
	out := make([]*asynq.QueueInfo, 0, len(names))
	for _, q := range names {
		if info, err := b.Inspector.GetQueueInfo(q); err == nil {
			out = append(out, info)
		}
	}
	return out, nil
}
