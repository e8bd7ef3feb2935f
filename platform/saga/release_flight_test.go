package saga_test

import (
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/saga"
	"github.com/jubako/jubako/platform/testkit"
)

// forwardLog is the timeline without the failed attempts of the charge,
// whose number depends on timing.
func forwardLog(info saga.Info) string {
	return strings.Join(slices.DeleteFunc(timeline(info), func(l string) bool { return l == "charge:forward:failed" }), " ")
}

func TestASagaStartedOnV1FinishesOnV2(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		tr := newTravel()
		id := parkAtCharge(t, be, tr, tripV1)
		var upgrades atomic.Int32
		e, _ := deploy(t, be, tr, tripV2(tr, &upgrades))
		info := e.wait(t, id, saga.StatusCompleted, false)

		if got, want := forwardLog(info), "hotel:forward:succeeded payment:forward:succeeded ticket:forward:succeeded postcard:forward:succeeded"; got != want {
			t.Errorf("timeline without the failed charges:\n got %s\nwant %s", got, want)
		}
		// Inserted before the step the saga waited at: not run. Inserted
		// after it: run. Done before the deploy: not run again.
		for endpoint, want := range map[string]int{insure.Info().Name: 0, postcard.Info().Name: 1, bookHotel.Info().Name: 1, issue.Info().Name: 1} {
			if got := tr.callsTo(endpoint); got != want {
				t.Errorf("%s called %d times, want %d", endpoint, got, want)
			}
		}
		// The renamed step kept its ID, so every attempt, before and after
		// the deploy, had the same key, and the card was charged once.
		for _, key := range tr.keysOf(charge.Info().Name) {
			if key != id+":charge" {
				t.Errorf("a charge was asked with the key %q, want %q", key, id+":charge")
			}
		}
		if got := tr.standing(charge.Info().Name); got != 1 {
			t.Errorf("%d charges stand, want 1", got)
		}
		if got, want := tr.trip(id), "ticketed for [ada]"; got != want || upgrades.Load() != 1 {
			t.Errorf("the ticket's hook saw %q, upgrade ran %d times: want %q after one upgrade", got, upgrades.Load(), want)
		}
		var state string
		if err := e.p.DB.Raw("SELECT state FROM jubako_sagas WHERE id = ?", id).Scan(&state).Error; err != nil {
			t.Fatal(err)
		}
		if state != `{"travellers":["ada"]}` || info.Version != 2 {
			t.Errorf("saved state %s of version %d, want the upgraded state of version 2", state, info.Version)
		}
	})
}

// carTrip is a first release with a car rented between the hotel and the
// charge; shuffled is the next, which insures the trip first and rents the
// car before booking the hotel.
func carTrip(b *bus.Bus) saga.Definition[trip] {
	return saga.Definition[trip]{
		Name: "trip", Module: "travel",
		Steps: []saga.Step[trip]{
			{Name: "hotel", Do: call(bookHotel, b), Undo: call(cancelHotel, b)},
			{Name: "car", Do: call(rentCar, b), Undo: call(returnCar, b)},
			{Name: "charge", Do: call(charge, b), Undo: call(refund, b)},
		},
	}
}

func shuffled(b *bus.Bus) saga.Definition[trip] {
	return saga.Definition[trip]{
		Name: "trip", Module: "travel", Version: 2,
		Steps: []saga.Step[trip]{
			{Name: "insurance", Do: call(insure, b), Undo: call(uninsure, b)},
			{Name: "car", Do: call(rentCar, b), Undo: call(returnCar, b)},
			{Name: "hotel", Do: call(bookHotel, b), Undo: call(cancelHotel, b)},
			{Name: "charge", Do: call(charge, b), Undo: call(refund, b)},
			{Name: "ticket", Do: call(issue, b), Pivot: true},
		},
	}
}

func TestCompensationAfterADeployUndoesWhatWasDoneInReverse(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		tr := newTravel()
		id := parkAtCharge(t, be, tr, carTrip)
		tr.fail(charge.Info().Name, -1, errNoRooms.With("card refused"))
		e, _ := deploy(t, be, tr, shuffled)
		info := e.wait(t, id, saga.StatusCancelled, false)

		// Undone latest first in the order they ran (hotel, car), not in
		// the new definition's; the insurance was never bought.
		want := "hotel:forward:succeeded car:forward:succeeded car:compensate:compensated hotel:compensate:compensated"
		if got := forwardLog(info); got != want {
			t.Errorf("timeline without the failed charges:\n got %s\nwant %s", got, want)
		}
		if info.Reason != "charge failed: no rooms: card refused" {
			t.Errorf("reason %q", info.Reason)
		}
		for endpoint, want := range map[string]int{insure.Info().Name: 0, uninsure.Info().Name: 0, refund.Info().Name: 0, issue.Info().Name: 0} {
			if got := tr.callsTo(endpoint); got != want {
				t.Errorf("%s called %d times, want %d", endpoint, got, want)
			}
		}
		for _, endpoint := range []string{bookHotel.Info().Name, rentCar.Info().Name, charge.Info().Name} {
			if got := tr.standing(endpoint); got != 0 {
				t.Errorf("%s effects standing = %d, want 0", endpoint, got)
			}
		}
	})
}

// withoutCharge is a next release that drops the charge; rolledBack runs
// tripV1's steps as version 2, so that tripV1 after it is a rollback.
func withoutCharge(b *bus.Bus) saga.Definition[trip] {
	def := tripV1(b)
	def.Version, def.Steps = 2, slices.Delete(def.Steps, 1, 2)
	return def
}

func rolledBack(b *bus.Bus) saga.Definition[trip] {
	def := tripV1(b)
	def.Version = 2
	return def
}

func TestASagaTheNextReleaseCannotRunShowsStuck(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		for _, tc := range []struct {
			name        string
			first, next release[trip]
			lastError   string
			// compensate is the status of a forced compensation.
			compensate int
		}{
			{
				name: "its current step was removed", first: tripV1, next: withoutCharge,
				lastError:  `step "charge" is not in trip v2 (the saga was written by v1): the saga cannot move on`,
				compensate: http.StatusOK,
			},
			{
				name: "it was written by a newer version", first: rolledBack, next: tripV1,
				lastError:  "the saga was written by trip v2, this process runs v1",
				compensate: http.StatusConflict,
			},
		} {
			t.Run(tc.name, func(t *testing.T) {
				tr := newTravel()
				id := parkAtCharge(t, be, tr, tc.first)
				charges := tr.callsTo(charge.Info().Name)
				e, _ := deploy(t, be, tr, tc.next)
				info := e.wait(t, id, saga.StatusRunning, true)
				if info.LastError != tc.lastError || tr.callsTo(charge.Info().Name) != charges || tr.callsTo(issue.Info().Name) != 0 {
					t.Errorf("stuck with %q after %d more charges and %d tickets; want %q and nothing run",
						info.LastError, tr.callsTo(charge.Info().Name)-charges, tr.callsTo(issue.Info().Name), tc.lastError)
				}
				res := e.p.Do(t, http.MethodPost, "/api/admin/sagas/"+id+"/compensate", nil, "Authorization", testkit.AdminAuthorization)
				if res.Status != tc.compensate {
					t.Fatalf("forced compensation: %d %s, want %d", res.Status, res.Body, tc.compensate)
				}
				if tc.compensate != http.StatusOK {
					return
				}
				// The charge's Undo is gone with the step: only the hotel is undone.
				e.wait(t, id, saga.StatusCancelled, false)
				if tr.standing(bookHotel.Info().Name) != 0 || tr.callsTo(refund.Info().Name) != 0 {
					t.Errorf("hotel standing %d, refunds %d: want the hotel undone and no refund", tr.standing(bookHotel.Info().Name), tr.callsTo(refund.Info().Name))
				}
			})
		}
	})
}
