package saga_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"github.com/jubako/jubako/platform/saga"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

var errDown = shared.Errorf(shared.CodeUnavailable, "travel service is down")

type env struct {
	p  *testkit.Process
	tr *travel
	sg *saga.Saga[trip]
}

func start(t *testing.T, be testkit.Backend, settings testkit.Settings) *env {
	e := &env{tr: newTravel()}
	s := testkit.Settings{"saga.retry_base": "50ms", "saga.retry_max": "200ms", "saga.max_attempts": 3}
	for k, v := range settings {
		s[k] = v
	}
	e.p = testkit.Start(t, be, s, e.tr.module(&e.sg))
	return e
}

// wait waits for the saga to reach status (and stuck, when asked).
func (e *env) wait(t *testing.T, id, status string, stuck bool) saga.Info {
	t.Helper()
	var info saga.Info
	testkit.Eventually(t, 30*time.Second, func() bool {
		res := e.p.Do(t, http.MethodGet, "/api/admin/sagas/"+id, nil, "Authorization", testkit.AdminAuthorization)
		res.Decode(t, &info)
		return info.Status == status && info.Stuck == stuck
	}, func() string {
		return fmt.Sprintf("saga is %s (stuck %v, last error %q), want %s (stuck %v)", info.Status, info.Stuck, info.LastError, status, stuck)
	})
	return info
}

// timeline renders the log as "step:phase:status" lines.
func timeline(info saga.Info) []string {
	var out []string
	for _, l := range info.Log {
		out = append(out, l.Step+":"+l.Phase+":"+l.Status)
	}
	return out
}

func TestSagaOutcomes(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		for _, tc := range []struct {
			name      string
			breakIt   func(tr *travel)
			status    string
			standing  map[string]int
			timeline  string
			reason    string
			tripStory string
		}{
			{
				name:      "every step succeeds",
				breakIt:   func(*travel) {},
				status:    saga.StatusCompleted,
				standing:  map[string]int{"travel.BookHotel": 1, "travel.Charge": 1, "travel.Issue": 1, "travel.Postcard": 1},
				timeline:  "hotel:forward:succeeded charge:forward:succeeded ticket:forward:succeeded postcard:forward:succeeded",
				tripStory: "ticketed",
			},
			{
				name:      "a business failure compensates the steps done, not the failed one",
				breakIt:   func(tr *travel) { tr.fail("travel.Charge", -1, errNoRooms.With("card refused")) },
				status:    saga.StatusCancelled,
				standing:  map[string]int{"travel.BookHotel": 0, "travel.Charge": 0, "travel.Issue": 0},
				timeline:  "hotel:forward:succeeded charge:forward:failed hotel:compensate:compensated",
				reason:    "charge failed: no rooms: card refused",
				tripStory: "cancelled: charge failed: no rooms: card refused",
			},
			{
				name:      "transient failures are retried",
				breakIt:   func(tr *travel) { tr.fail("travel.Charge", 2, errDown) },
				status:    saga.StatusCompleted,
				standing:  map[string]int{"travel.BookHotel": 1, "travel.Charge": 1, "travel.Issue": 1, "travel.Postcard": 1},
				timeline:  "hotel:forward:succeeded charge:forward:failed charge:forward:failed charge:forward:succeeded ticket:forward:succeeded postcard:forward:succeeded",
				tripStory: "ticketed",
			},
			{
				name:      "exhausted retries compensate the failed step too",
				breakIt:   func(tr *travel) { tr.fail("travel.Charge", -1, errDown) },
				status:    saga.StatusCancelled,
				standing:  map[string]int{"travel.BookHotel": 0, "travel.Charge": 0},
				timeline:  "hotel:forward:succeeded charge:forward:failed charge:forward:failed charge:forward:failed charge:compensate:compensated hotel:compensate:compensated",
				reason:    "charge failed after 3 attempts: travel service is down",
				tripStory: "cancelled: charge failed after 3 attempts: travel service is down",
			},
			{
				name:      "the pivot failing compensates everything before it",
				breakIt:   func(tr *travel) { tr.fail("travel.Issue", -1, errNoRooms.With("sold out")) },
				status:    saga.StatusCancelled,
				standing:  map[string]int{"travel.BookHotel": 0, "travel.Charge": 0, "travel.Issue": 0},
				timeline:  "hotel:forward:succeeded charge:forward:succeeded ticket:forward:failed charge:compensate:compensated hotel:compensate:compensated",
				reason:    "ticket failed: no rooms: sold out",
				tripStory: "cancelled: ticket failed: no rooms: sold out",
			},
		} {
			t.Run(tc.name, func(t *testing.T) {
				e := start(t, be, nil)
				tc.breakIt(e.tr)
				id := shared.NewID()
				startTrip(t, e.p.DB, e.sg, id)
				info := e.wait(t, id, tc.status, false)
				if got := strings.Join(timeline(info), " "); got != tc.timeline {
					t.Errorf("timeline:\n got %s\nwant %s", got, tc.timeline)
				}
				if info.Reason != tc.reason {
					t.Errorf("reason = %q, want %q", info.Reason, tc.reason)
				}
				for endpoint, want := range tc.standing {
					if got := e.tr.standing(endpoint); got != want {
						t.Errorf("%s effects standing = %d, want %d", endpoint, got, want)
					}
				}
				if got := e.tr.trip(id); got != tc.tripStory {
					t.Errorf("hooks recorded %q, want %q", got, tc.tripStory)
				}
			})
		}
	})
}

func TestDeadlineStopsRetriesAndCompensates(t *testing.T) {
	e := start(t, testkit.SQLite(t), testkit.Settings{"saga.deadline": "1s", "saga.max_attempts": 1000})
	e.tr.fail("travel.Charge", -1, errDown)
	startTrip(t, e.p.DB, e.sg, "late")
	info := e.wait(t, "late", saga.StatusCancelled, false)
	if !strings.Contains(info.Reason, "charge") || e.tr.standing("travel.BookHotel") != 0 || e.tr.standing("travel.Charge") != 0 {
		t.Errorf("reason %q, hotel %d, charge %d: want a charge failure with everything undone",
			info.Reason, e.tr.standing("travel.BookHotel"), e.tr.standing("travel.Charge"))
	}
}

func TestThePivotIsRetriedPastTheDeadline(t *testing.T) {
	e := start(t, testkit.SQLite(t), testkit.Settings{"saga.deadline": "500ms"})
	e.tr.fail("travel.Issue", -1, errDown)
	startTrip(t, e.p.DB, e.sg, "pivot-unknown")
	info := e.wait(t, "pivot-unknown", saga.StatusRunning, true)
	if info.Step != "ticket" || e.tr.standing("travel.Charge") != 1 {
		t.Fatalf("at %q with %d charges standing: want the ticket retried, nothing compensated", info.Step, e.tr.standing("travel.Charge"))
	}
	e.tr.fail("travel.Issue", 0, nil)
	e.wait(t, "pivot-unknown", saga.StatusCompleted, false)
}

func TestFailingCompensationIsRetriedAndShownStuck(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		e := start(t, be, nil)
		e.tr.fail("travel.Issue", -1, errNoRooms.With("sold out"))
		e.tr.fail("travel.Refund", -1, errDown)
		startTrip(t, e.p.DB, e.sg, "refund-stuck")
		info := e.wait(t, "refund-stuck", saga.StatusCompensating, true)
		if info.Step != "charge" || !strings.Contains(info.LastError, "travel service is down") {
			t.Errorf("stuck at %q with %q, want charge with the refund's error", info.Step, info.LastError)
		}
		e.tr.fail("travel.Refund", 0, nil)
		e.wait(t, "refund-stuck", saga.StatusCancelled, false)
		if e.tr.standing("travel.Charge") != 0 || e.tr.standing("travel.BookHotel") != 0 {
			t.Error("the charge or the hotel was not undone once the refund worked")
		}
	})
}

func TestAfterThePivotASagaOnlyMovesForward(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		e := start(t, be, nil)
		e.tr.fail("travel.Postcard", -1, shared.Errorf(shared.CodeInvalid, "no stamps"))
		startTrip(t, e.p.DB, e.sg, "forward")
		info := e.wait(t, "forward", saga.StatusRunning, true)
		if info.Step != "postcard" || e.tr.standing("travel.Charge") != 1 || e.tr.trip("forward") != "ticketed" {
			t.Fatalf("stuck at %q, charge %d, trip %q: want stuck at postcard with the charge standing", info.Step, e.tr.standing("travel.Charge"), e.tr.trip("forward"))
		}
		res := e.p.Do(t, http.MethodPost, "/api/admin/sagas/forward/compensate", nil, "Authorization", testkit.AdminAuthorization)
		if res.Status != http.StatusConflict {
			t.Errorf("forcing compensation after the pivot: %d, want 409", res.Status)
		}
		e.tr.fail("travel.Postcard", 0, nil)
		if res := e.p.Do(t, http.MethodPost, "/api/admin/sagas/forward/retry", nil, "Authorization", testkit.AdminAuthorization); res.Status != http.StatusOK {
			t.Fatalf("retry: %d %s", res.Status, res.Body)
		}
		e.wait(t, "forward", saga.StatusCompleted, false)
		if e.tr.standing("travel.Postcard") != 1 {
			t.Error("the postcard was not sent after the retry")
		}
	})
}

func TestOperatorCanForceCompensation(t *testing.T) {
	e := start(t, testkit.SQLite(t), testkit.Settings{"saga.max_attempts": 1000, "saga.retry_max": "1s"})
	e.tr.fail("travel.Charge", -1, errDown)
	startTrip(t, e.p.DB, e.sg, "abandoned")
	testkit.Eventually(t, 10*time.Second, func() bool { return e.tr.callsTo("travel.Charge") >= 2 }, func() string { return "charge never retried" })
	res := e.p.Do(t, http.MethodPost, "/api/admin/sagas/abandoned/compensate?reason=customer+called", nil, "Authorization", testkit.AdminAuthorization)
	if res.Status != http.StatusOK {
		t.Fatalf("compensate: %d %s", res.Status, res.Body)
	}
	info := e.wait(t, "abandoned", saga.StatusCancelled, false)
	if info.Reason != "customer called" || e.tr.standing("travel.BookHotel") != 0 {
		t.Errorf("reason %q, hotel %d", info.Reason, e.tr.standing("travel.BookHotel"))
	}
	if res := e.p.Do(t, http.MethodPost, "/api/admin/sagas/abandoned/retry", nil, "Authorization", testkit.AdminAuthorization); res.Status != http.StatusConflict {
		t.Errorf("retrying a finished saga: %d, want 409", res.Status)
	}
	if res := e.p.Do(t, http.MethodGet, "/api/admin/sagas/nope", nil, "Authorization", testkit.AdminAuthorization); res.Status != http.StatusNotFound {
		t.Errorf("unknown saga: %d, want 404", res.Status)
	}
}

func TestDuplicateStepMessagesRunEachStepOnce(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		e := start(t, be, nil)
		for i := range 20 {
			startTrip(t, e.p.DB, e.sg, fmt.Sprintf("dup-%02d", i))
		}
		// Deliver every step message again under another task id, several
		// times, while the sagas run — as redeliveries after crashes would.
		sent := map[string]bool{}
		for round := range 10 {
			var rows []struct{ ID, Topic, Queue, Payload string }
			if err := e.p.DB.Raw(`SELECT id, topic, queue, payload FROM jubako_outbox WHERE topic = 'jubako.saga_step.v1'`).Scan(&rows).Error; err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				if sent[r.ID] {
					continue
				}
				sent[r.ID] = true
				task := asynq.NewTaskWithHeaders(r.Topic, []byte(r.Payload), map[string]string{"jubako-message-id": r.ID})
				if _, err := e.p.Broker.Client.Enqueue(task, asynq.Queue(r.Queue), asynq.TaskID(fmt.Sprintf("%s:dup%d", r.ID, round))); err != nil {
					t.Fatal(err)
				}
			}
			time.Sleep(50 * time.Millisecond)
		}
		for i := range 20 {
			info := e.wait(t, fmt.Sprintf("dup-%02d", i), saga.StatusCompleted, false)
			if got := strings.Join(timeline(info), " "); got != "hotel:forward:succeeded charge:forward:succeeded ticket:forward:succeeded postcard:forward:succeeded" {
				t.Errorf("%s timeline: %s", info.ID, got)
			}
		}
		if got := e.tr.standing("travel.Charge"); got != 20 {
			t.Errorf("%d charges stand for 20 trips", got)
		}
		if len(sent) < 40 {
			t.Errorf("only %d step messages were duplicated; the test proved little", len(sent))
		}
	})
}
