package saga_test

import (
	"context"
	"sync"
	"testing"

	"go.uber.org/fx"
	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/host"
	"github.com/jubako/jubako/platform/saga"
	"github.com/jubako/jubako/shared"
)

// The fixture is a trip: book a hotel, charge a card, issue a ticket (the
// pivot), send a postcard. A "travel" service records what is booked,
// charged and issued by idempotency key, and can be told to fail.

type keyRequest struct {
	Key string `json:"key"`
}

type done struct{}

var (
	bookHotel   = bus.Endpoint[keyRequest, done]("travel.BookHotel", bus.Idempotent())
	cancelHotel = bus.Endpoint[keyRequest, done]("travel.CancelHotel", bus.Idempotent())
	charge      = bus.Endpoint[keyRequest, done]("travel.Charge", bus.Idempotent())
	refund      = bus.Endpoint[keyRequest, done]("travel.Refund", bus.Idempotent())
	issue       = bus.Endpoint[keyRequest, done]("travel.Issue", bus.Idempotent())
	postcard    = bus.Endpoint[keyRequest, done]("travel.Postcard", bus.Idempotent())
)

var errNoRooms = shared.NewReason(shared.CodeConflict, "no_rooms", "no rooms left")

// failure says how an endpoint misbehaves: n more times (or forever with
// n < 0), with err.
type failure struct {
	n   int
	err error
}

type travel struct {
	mu       sync.Mutex
	inForce  map[string]map[string]bool // Do endpoint → keys whose effect stands
	calls    map[string]int             // endpoint → calls, failed ones too
	keys     map[string][]string        // endpoint → the key of each call
	failures map[string]*failure
	trips    map[string]string // trip id → what the saga's hooks recorded
}

func newTravel() *travel {
	return &travel{inForce: map[string]map[string]bool{}, calls: map[string]int{}, keys: map[string][]string{}, failures: map[string]*failure{}, trips: map[string]string{}}
}

func (tr *travel) fail(endpoint string, n int, err error) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	tr.failures[endpoint] = &failure{n: n, err: err}
}

// standing counts the effects of a Do endpoint that stand (done, not undone).
func (tr *travel) standing(endpoint string) int {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return len(tr.inForce[endpoint])
}

func (tr *travel) callsTo(endpoint string) int {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return tr.calls[endpoint]
}

func (tr *travel) keysOf(endpoint string) []string {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return append([]string(nil), tr.keys[endpoint]...)
}

func (tr *travel) trip(id string) string {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return tr.trips[id]
}

// handler serves endpoint by applying (or, with undo, removing) the effect
// of doName for the key — idempotently, as real participants must.
func (tr *travel) handler(endpoint, doName string, undo bool) func(context.Context, keyRequest) (done, error) {
	return func(_ context.Context, r keyRequest) (done, error) {
		tr.mu.Lock()
		defer tr.mu.Unlock()
		tr.calls[endpoint]++
		tr.keys[endpoint] = append(tr.keys[endpoint], r.Key)
		if f := tr.failures[endpoint]; f != nil && f.n != 0 {
			f.n--
			return done{}, f.err
		}
		if tr.inForce[doName] == nil {
			tr.inForce[doName] = map[string]bool{}
		}
		if undo {
			delete(tr.inForce[doName], r.Key)
		} else {
			tr.inForce[doName][r.Key] = true
		}
		return done{}, nil
	}
}

func (tr *travel) serve(b *bus.Bus) {
	for _, e := range []bus.EndpointOf[keyRequest, done]{bookHotel, charge, issue, postcard} {
		e.Handle(b, tr.handler(e.Info().Name, e.Info().Name, false))
	}
	cancelHotel.Handle(b, tr.handler(cancelHotel.Info().Name, bookHotel.Info().Name, true))
	refund.Handle(b, tr.handler(refund.Info().Name, charge.Info().Name, true))
}

type trip struct {
	Traveller string `json:"traveller"`
}

func call(e bus.EndpointOf[keyRequest, done], b *bus.Bus) func(context.Context, *trip, string) error {
	return func(ctx context.Context, _ *trip, key string) error {
		_, err := e.Call(ctx, b, keyRequest{Key: key})
		return err
	}
}

// module wires the travel service and the trip saga into a process; the
// saga is handed back through *sg.
func (tr *travel) module(sg **saga.Saga[trip]) fx.Option {
	return host.Module("travel", fx.Invoke(func(b *bus.Bus, e *saga.Engine) {
		tr.serve(b)
		*sg = saga.Define(e, saga.Definition[trip]{
			Name: "trip", Module: "travel",
			Steps: []saga.Step[trip]{
				{Name: "hotel", Do: call(bookHotel, b), Undo: call(cancelHotel, b)},
				{Name: "charge", Do: call(charge, b), Undo: call(refund, b)},
				{Name: "ticket", Do: call(issue, b), Pivot: true, Then: tr.record("ticketed")},
				{Name: "postcard", Do: call(postcard, b)},
			},
			OnCancelled: func(_ context.Context, _ *gorm.DB, id string, _ *trip, reason string) error {
				tr.mu.Lock()
				defer tr.mu.Unlock()
				tr.trips[id] = "cancelled: " + reason
				return nil
			},
		})
	}))
}

func (tr *travel) record(word string) func(context.Context, *gorm.DB, string, *trip) error {
	return func(_ context.Context, _ *gorm.DB, id string, _ *trip) error {
		tr.mu.Lock()
		defer tr.mu.Unlock()
		tr.trips[id] = word
		return nil
	}
}

func startTrip(t *testing.T, d interface {
	Transact(context.Context, func(*gorm.DB) error) error
}, sg *saga.Saga[trip], id string) {
	t.Helper()
	ctx := context.Background()
	if err := d.Transact(ctx, func(tx *gorm.DB) error { return sg.Start(ctx, tx, id, trip{Traveller: "ada"}) }); err != nil {
		t.Fatal(err)
	}
}
