package saga_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"go.uber.org/fx"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/host"
	"github.com/jubako/jubako/platform/saga"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

var (
	errDown = shared.Errorf(shared.CodeUnavailable, "travel service is down")
	// errRefused is what a caller sees of a call its open circuit breaker
	// refused: the call never reached the provider.
	errRefused = shared.Errorf(shared.CodeUnavailable, "%w: travel service is down", bus.ErrCircuitOpen)
)

type env struct {
	p  *testkit.Process
	tr *travel
	sg *saga.Saga[trip]
}

// start runs the travel fixture on be, with the modules extra builds on the
// same travel service.
func start(t *testing.T, be testkit.Backend, settings testkit.Settings, extra ...func(*travel) fx.Option) *env {
	e := &env{tr: newTravel()}
	s := testkit.Settings{"saga.retry_base": "50ms", "saga.retry_max": "200ms", "saga.max_attempts": 3}
	maps.Copy(s, settings)
	modules := []fx.Option{e.tr.module(&e.sg)}
	for _, m := range extra {
		modules = append(modules, m(e.tr))
	}
	e.p = testkit.Start(t, be, s, modules...)
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
				name:      "refusals of an open breaker use none of the attempts",
				breakIt:   func(tr *travel) { tr.fail("travel.Charge", 4, errRefused) },
				status:    saga.StatusCompleted,
				standing:  map[string]int{"travel.BookHotel": 1, "travel.Charge": 1, "travel.Issue": 1, "travel.Postcard": 1},
				timeline:  "hotel:forward:succeeded" + strings.Repeat(" charge:forward:failed", 4) + " charge:forward:succeeded ticket:forward:succeeded postcard:forward:succeeded",
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
			if err := e.p.DB.Raw(`SELECT id, topic, queue, payload FROM jubako_outbox WHERE topic = 'jubako.saga_step.v2'`).Scan(&rows).Error; err != nil {
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

// A seat is held by a participant that never answers: each call waits for
// the caller's context to end.
var (
	holdSeat    = bus.Endpoint[keyRequest, done]("seats.Hold", bus.Idempotent())
	releaseSeat = bus.Endpoint[keyRequest, done]("seats.Release", bus.Idempotent())
)

// hang serves seats.Hold: it records, per call, how long it waited and why
// its context ended.
type hang struct {
	mu    sync.Mutex
	waits []time.Duration
	ends  []error
}

func (h *hang) hold(ctx context.Context, _ keyRequest) (done, error) {
	began := time.Now()
	<-ctx.Done()
	h.mu.Lock()
	defer h.mu.Unlock()
	h.waits = append(h.waits, time.Since(began))
	h.ends = append(h.ends, ctx.Err())
	return done{}, ctx.Err()
}

func (h *hang) calls() ([]time.Duration, []error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]time.Duration(nil), h.waits...), append([]error(nil), h.ends...)
}

// seatedTrip is the trip with a seat to hold before the ticket; the seat
// step's attempts are bounded by timeout (zero: saga.step_timeout).
func (tr *travel) seatedTrip(h *hang, timeout time.Duration, sg **saga.Saga[trip]) fx.Option {
	return host.Module("seats", fx.Invoke(func(b *bus.Bus, e *saga.Engine) {
		holdSeat.Handle(b, h.hold)
		releaseSeat.Handle(b, tr.handler(releaseSeat.Info().Name, holdSeat.Info().Name, true))
		*sg = saga.Define(e, saga.Definition[trip]{
			Name: "seated_trip", Module: "seats",
			Steps: []saga.Step[trip]{
				{Name: "hotel", Do: call(bookHotel, b), Undo: call(cancelHotel, b)},
				{Name: "charge", Do: call(charge, b), Undo: call(refund, b)},
				{Name: "seat", Do: call(holdSeat, b), Undo: call(releaseSeat, b), Timeout: timeout},
				{Name: "ticket", Do: call(issue, b), Pivot: true},
			},
		})
	}))
}

func TestATimedOutStepFailsAndCompensates(t *testing.T) {
	const want = "hotel:forward:succeeded charge:forward:succeeded seat:forward:failed seat:forward:failed seat:forward:failed " +
		"seat:compensate:compensated charge:compensate:compensated hotel:compensate:compensated"
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		for _, tc := range []struct {
			name        string
			stepTimeout time.Duration
			settings    testkit.Settings
		}{
			// saga.step_timeout is far longer than the test waits: only the
			// step's own Timeout can end the attempts in time.
			{name: "the step's own timeout", stepTimeout: time.Second, settings: testkit.Settings{"saga.step_timeout": "10m"}},
			{name: "saga.step_timeout when the step sets none", settings: testkit.Settings{"saga.step_timeout": "1s"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				h := &hang{}
				var seated *saga.Saga[trip]
				e := start(t, be, tc.settings, func(tr *travel) fx.Option { return tr.seatedTrip(h, tc.stepTimeout, &seated) })
				id := shared.NewID()
				startTrip(t, e.p.DB, seated, id)
				info := e.wait(t, id, saga.StatusCancelled, false)

				if got := strings.Join(timeline(info), " "); got != want {
					t.Errorf("timeline:\n got %s\nwant %s", got, want)
				}
				if wantReason := "seat failed after 3 attempts: context deadline exceeded"; info.Reason != wantReason {
					t.Errorf("reason = %q, want %q", info.Reason, wantReason)
				}
				attempt := 0
				for _, l := range info.Log {
					if l.Step != "seat" || l.Phase != "forward" {
						continue
					}
					attempt++
					took := l.FinishedAt.Sub(l.StartedAt)
					if l.Attempt != attempt || !strings.Contains(l.Error, "deadline exceeded") || took < 900*time.Millisecond || took > 5*time.Second {
						t.Errorf("seat attempt %d logged as attempt %d, error %q, after %s: want a deadline error after about 1s", attempt, l.Attempt, l.Error, took)
					}
				}
				waits, ends := h.calls()
				if len(waits) != 3 {
					t.Fatalf("the seat service was called %d times, want 3 (saga.max_attempts)", len(waits))
				}
				for i := range waits {
					if !errors.Is(ends[i], context.DeadlineExceeded) || waits[i] < 900*time.Millisecond || waits[i] > 5*time.Second {
						t.Errorf("call %d ended by %v after %s, want context.DeadlineExceeded after about 1s", i+1, ends[i], waits[i])
					}
				}
				// The seat's outcome is unknown, so it is released too; the
				// ticket is never issued.
				for endpoint, want := range map[string]int{"seats.Release": 1, "travel.Issue": 0} {
					if got := e.tr.callsTo(endpoint); got != want {
						t.Errorf("%s called %d times, want %d", endpoint, got, want)
					}
				}
				for _, endpoint := range []string{"travel.BookHotel", "travel.Charge"} {
					if got := e.tr.standing(endpoint); got != 0 {
						t.Errorf("%s effects standing = %d, want 0", endpoint, got)
					}
				}
			})
		}
	})
}
