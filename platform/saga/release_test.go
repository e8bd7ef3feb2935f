package saga_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/fx"
	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/host"
	"github.com/jubako/jubako/platform/saga"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// Releases of the trip saga, for the tests of what a deploy does to sagas
// in flight. Each runs in a process of its own on one backend, with one
// travel service that outlives them.

var (
	insure    = bus.Endpoint[keyRequest, done]("travel.Insure", bus.Idempotent())
	uninsure  = bus.Endpoint[keyRequest, done]("travel.Uninsure", bus.Idempotent())
	rentCar   = bus.Endpoint[keyRequest, done]("travel.RentCar", bus.Idempotent())
	returnCar = bus.Endpoint[keyRequest, done]("travel.ReturnCar", bus.Idempotent())
)

// release is one version of a saga definition, given the process's bus.
type release[S any] func(b *bus.Bus) saga.Definition[S]

// deploy runs rel in a new process on be, with the travel service tr.
func deploy[S any](t *testing.T, be testkit.Backend, tr *travel, rel release[S]) (*env, *saga.Saga[S]) {
	t.Helper()
	var sg *saga.Saga[S]
	module := host.Module("travel", fx.Invoke(func(b *bus.Bus, e *saga.Engine) {
		tr.serve(b)
		insure.Handle(b, tr.handler(insure.Info().Name, insure.Info().Name, false))
		uninsure.Handle(b, tr.handler(uninsure.Info().Name, insure.Info().Name, true))
		rentCar.Handle(b, tr.handler(rentCar.Info().Name, rentCar.Info().Name, false))
		returnCar.Handle(b, tr.handler(returnCar.Info().Name, rentCar.Info().Name, true))
		sg = saga.Define(e, rel(b))
	}))
	// Retries go on long enough for a saga to wait at a failing step
	// until the next release takes over.
	settings := testkit.Settings{"saga.retry_base": "50ms", "saga.retry_max": "200ms", "saga.max_attempts": 1000}
	return &env{p: testkit.Start(t, be, settings, module), tr: tr}, sg
}

// parkAtCharge runs rel until a new trip waits at its failing charge, and
// stops the process there: a deploy is under way. It returns the trip's id.
func parkAtCharge(t *testing.T, be testkit.Backend, tr *travel, rel release[trip]) string {
	t.Helper()
	e, sg := deploy(t, be, tr, rel)
	tr.fail(charge.Info().Name, -1, errDown)
	id := shared.NewID()
	startTrip(t, e.p.DB, sg, id)
	testkit.Eventually(t, 10*time.Second, func() bool { return tr.callsTo(charge.Info().Name) >= 2 },
		func() string { return "the charge was never retried" })
	e.p.Stop(t)
	tr.fail(charge.Info().Name, 0, nil)
	return id
}

// callAs is call for a saga over any state.
func callAs[S any](e bus.EndpointOf[keyRequest, done], b *bus.Bus) func(context.Context, *S, string) error {
	return func(ctx context.Context, _ *S, key string) error {
		_, err := e.Call(ctx, b, keyRequest{Key: key})
		return err
	}
}

// tripV1 is the first release: three steps.
func tripV1(b *bus.Bus) saga.Definition[trip] {
	return saga.Definition[trip]{
		Name: "trip", Module: "travel",
		Steps: []saga.Step[trip]{
			{Name: "hotel", Do: call(bookHotel, b), Undo: call(cancelHotel, b)},
			{Name: "charge", Do: call(charge, b), Undo: call(refund, b)},
			{Name: "ticket", Do: call(issue, b), Pivot: true},
		},
	}
}

// groupTrip is the state of version 2: a trip for several travellers.
type groupTrip struct {
	Travellers []string `json:"travellers"`
}

// tripV2 inserts insurance before the charge and a postcard after the
// ticket, renames the charge "payment" (its ID stays "charge"), and turns
// the traveller into a list; upgrades counts its upgrade function's calls.
func tripV2(tr *travel, upgrades *atomic.Int32) release[groupTrip] {
	return func(b *bus.Bus) saga.Definition[groupTrip] {
		return saga.Definition[groupTrip]{
			Name: "trip", Module: "travel", Version: 2,
			Steps: []saga.Step[groupTrip]{
				{Name: "hotel", Do: callAs[groupTrip](bookHotel, b), Undo: callAs[groupTrip](cancelHotel, b)},
				{Name: "insurance", Do: callAs[groupTrip](insure, b), Undo: callAs[groupTrip](uninsure, b)},
				{ID: "charge", Name: "payment", Do: callAs[groupTrip](charge, b), Undo: callAs[groupTrip](refund, b)},
				{Name: "ticket", Do: callAs[groupTrip](issue, b), Pivot: true, Then: tr.recordTravellers},
				{Name: "postcard", Do: callAs[groupTrip](postcard, b)},
			},
			Upgrade: map[int]func(json.RawMessage) (json.RawMessage, error){
				1: func(raw json.RawMessage) (json.RawMessage, error) {
					upgrades.Add(1)
					var v1 trip
					if err := json.Unmarshal(raw, &v1); err != nil {
						return nil, err
					}
					return json.Marshal(groupTrip{Travellers: []string{v1.Traveller}})
				},
			},
		}
	}
}

func (tr *travel) recordTravellers(_ context.Context, _ *gorm.DB, id string, s *groupTrip) error {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	tr.trips[id] = "ticketed for " + fmt.Sprint(s.Travellers)
	return nil
}
