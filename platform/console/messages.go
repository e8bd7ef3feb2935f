package console

import (
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/hibiken/asynq"

	"github.com/jubako/jubako/platform/outbox"
)

// How much of each list the messages page shows.
const (
	recentDispatches = 25
	deadLetterLimit  = 100
)

// messagesData is the messages page. A part that cannot be read (Redis is
// down, say) is named in Problems and the rest still shows.
type messagesData struct {
	Backlog     outbox.Backlog
	Lag         time.Duration
	Recent      []dispatchView
	Queues      []*asynq.QueueInfo
	DeadLetters []outbox.DeadLetter
	Problems    []string
}

func (k *Console) messages(c *fiber.Ctx) (any, error) {
	ctx := c.UserContext()
	var m messagesData
	var err error
	note := func(what string, err error) {
		if err != nil {
			m.Problems = append(m.Problems, what+": "+describe(err))
		}
	}
	m.Backlog, err = k.d.Outbox.Backlog(ctx)
	note("outbox backlog", err)
	m.Lag = m.Backlog.Lag(time.Now())
	m.Queues, err = k.d.Broker.Queues()
	note("asynq queues", err)
	m.DeadLetters, err = k.d.Outbox.DeadLetters(ctx, deadLetterLimit)
	note("dead letters", err)
	recent, err := k.d.Outbox.Recent(ctx, recentDispatches)
	note("recent dispatches", err)
	m.Recent = dispatchViews(recent, m.DeadLetters)
	return m, nil
}

// dispatchView is a recent message whose deliveries show as dead while
// they wait among the dead letters (the outbox records them dead only
// once discarded).
type dispatchView struct {
	outbox.Dispatch
	Deliveries []deliveryView
}

type deliveryView struct {
	outbox.DeliveryState
	State string
}

func dispatchViews(recent []outbox.Dispatch, dead []outbox.DeadLetter) []dispatchView {
	letters := map[[2]string]bool{}
	for _, l := range dead {
		letters[[2]string{l.MessageID, l.Queue}] = true
	}
	out := make([]dispatchView, len(recent))
	for i, d := range recent {
		out[i].Dispatch = d
		for _, del := range d.Deliveries {
			v := deliveryView{DeliveryState: del, State: del.State()}
			if letters[[2]string{d.ID, del.Queue}] {
				v.State = "dead letter"
			}
			out[i].Deliveries = append(out[i].Deliveries, v)
		}
	}
	return out
}

func (k *Console) resubmit(c *fiber.Ctx) error {
	err := k.d.Outbox.Resubmit(c.UserContext(), c.Params("queue"), c.Params("id"))
	k.audit(c, "resubmit dead letter", err, "queue", c.Params("queue"), "task_id", c.Params("id"))
	return k.acted(c, err, "Resubmitted "+c.Params("id")+" to queue "+c.Params("queue")+".")
}

func (k *Console) discard(c *fiber.Ctx) error {
	err := k.d.Outbox.Discard(c.UserContext(), c.Params("queue"), c.Params("id"))
	k.audit(c, "discard dead letter", err, "queue", c.Params("queue"), "task_id", c.Params("id"))
	return k.acted(c, err, "Deleted "+c.Params("id")+" from queue "+c.Params("queue")+".")
}
