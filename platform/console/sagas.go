package console

import (
	"net/url"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/platform/saga"
)

// sagaStatuses are the status filter's choices.
var sagaStatuses = []string{saga.StatusRunning, saga.StatusCompensating, saga.StatusCompleted, saga.StatusCancelled}

// sagaListData is the sagas page: the filter as given, and what it matched.
type sagaListData struct {
	Status, Name, OlderThan string
	Stuck                   bool
	Statuses                []string
	Query                   string
	Sagas                   []saga.Info
}

func (k *Console) sagaList(c *fiber.Ctx) (any, error) {
	f, err := saga.ParseFilter(c.Queries())
	if err != nil {
		return nil, err
	}
	list, err := k.d.Sagas.List(c.UserContext(), f)
	if err != nil {
		return nil, err
	}
	return sagaListData{
		Status: f.Status, Name: f.Name, OlderThan: c.Query("older_than"), Stuck: f.Stuck,
		Statuses: sagaStatuses, Query: filterQuery(c, "status", "name", "older_than", "stuck"), Sagas: list,
	}, nil
}

// timelineRow is one line of a saga's step log, placed on its timeline.
type timelineRow struct {
	saga.LogEntry
	Offset, Duration time.Duration
	// Left and Width place the step's bar, in percent of the saga's span.
	Left, Width float64
}

// sagaData is a saga's page.
type sagaData struct {
	Info     saga.Info
	Finished bool
	Elapsed  time.Duration
	Timeline []timelineRow
}

func (k *Console) sagaDetail(c *fiber.Ctx) (any, error) {
	info, err := k.d.Sagas.Get(c.UserContext(), c.Params("id"))
	if err != nil {
		return nil, err
	}
	end := time.Now()
	if info.FinishedAt != nil {
		end = *info.FinishedAt
	}
	for _, l := range info.Log {
		if l.FinishedAt.After(end) {
			end = l.FinishedAt
		}
	}
	span := max(end.Sub(info.CreatedAt), time.Millisecond)
	d := sagaData{Info: info, Finished: info.FinishedAt != nil, Elapsed: end.Sub(info.CreatedAt)}
	for _, l := range info.Log {
		row := timelineRow{LogEntry: l, Offset: l.StartedAt.Sub(info.CreatedAt), Duration: l.FinishedAt.Sub(l.StartedAt)}
		row.Left = percent(row.Offset, span)
		row.Width = max(percent(row.Duration, span), 0.4)
		d.Timeline = append(d.Timeline, row)
	}
	return d, nil
}

func (k *Console) retrySaga(c *fiber.Ctx) error {
	err := k.d.Sagas.Retry(c.UserContext(), c.Params("id"))
	k.audit(c, "retry saga step", err, "saga", c.Params("id"))
	return k.acted(c, err, "The current step of "+c.Params("id")+" runs again.")
}

func (k *Console) compensateSaga(c *fiber.Ctx) error {
	reason := cut(300, c.FormValue("reason"))
	if reason == "" {
		reason = saga.ForcedReason
	}
	err := k.d.Sagas.Compensate(c.UserContext(), c.Params("id"), reason)
	k.audit(c, "force compensation", err, "saga", c.Params("id"), "reason", reason)
	return k.acted(c, err, "Compensating "+c.Params("id")+": "+reason+".")
}

// filterQuery re-encodes the filter parameters of c, for the live part's URL.
func filterQuery(c *fiber.Ctx, keys ...string) string {
	q := url.Values{}
	for _, k := range keys {
		if v := c.Query(k); v != "" {
			q.Set(k, v)
		}
	}
	return q.Encode()
}

func percent(part, whole time.Duration) float64 {
	if whole <= 0 {
		return 0
	}
	return round(100 * float64(part) / float64(whole))
}
