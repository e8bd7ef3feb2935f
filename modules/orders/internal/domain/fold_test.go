package domain_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/orders/internal/domain"
	"github.com/jubako/jubako/shared"
)

var t0 = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

func eur(units int64, nanos int32) shared.Money {
	return shared.Money{CurrencyCode: "EUR", Units: units, Nanos: nanos}
}

// stream makes the events of order "o1" from changes, a minute apart.
func stream(t *testing.T, changes ...domain.Change) []domain.Event {
	t.Helper()
	out := make([]domain.Event, len(changes))
	for i, c := range changes {
		payload, err := json.Marshal(c.Data)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = domain.Event{Position: int64(10 + i), StreamID: "o1", Version: i + 1, Type: c.Type, Payload: payload, OccurredAt: t0.Add(time.Duration(i) * time.Minute)}
	}
	return out
}

var placed = domain.Change{Type: domain.TypePlaced, Data: domain.Placed{
	UserID: "ada", IdempotencyKey: "k1", Email: "ada@example.com", Currency: "EUR",
	Address: orders.Address{StreetAddress: "1 Main St", City: "Paris", State: "IDF", Country: "FR", ZipCode: "75001"},
	Lines: []domain.PlacedLine{
		{ProductID: "SOCKS", Name: "Socks", Quantity: 3, UnitPrice: eur(2, 500_000_000)},
		{ProductID: "MUG", Name: "Mug", Quantity: 1, UnitPrice: eur(8, 0)},
	},
	Shipping: eur(5, 0), Total: eur(20, 500_000_000), CheckoutMode: orders.ModeChoreography,
}}

func TestFold(t *testing.T) {
	step := domain.Change{Type: domain.TypeStepRecorded, Data: domain.StepRecorded{
		Name: "reserve", Phase: "forward", Status: "succeeded", Module: "inventory", Event: "purchase.stock_reserved.v1", TraceID: "abc", FinishedAt: t0.Add(30 * time.Second),
	}}
	completed := domain.Change{Type: domain.TypeCompleted, Data: domain.Completed{TrackingID: "TR-1", TransactionID: "TX-1"}}
	cancelled := domain.Change{Type: domain.TypeCancelled, Data: domain.Cancelled{Reason: "card declined"}}
	shipped := domain.Change{Type: domain.TypeNoted, Data: domain.Noted{TrackingID: "TR-1"}}
	charged := domain.Change{Type: domain.TypeNoted, Data: domain.Noted{TransactionID: "TX-1"}}
	cases := []struct {
		name    string
		changes []domain.Change
		check   func(t *testing.T, s domain.State)
	}{
		{"placed", []domain.Change{placed}, func(t *testing.T, s domain.State) {
			o := s.Order
			if s.Version != 1 || s.UserID != "ada" || s.Key != "k1" || o.ID != "o1" || o.Status != orders.StatusPending || o.CheckoutMode != orders.ModeChoreography {
				t.Errorf("state = %+v", s)
			}
			if len(o.Items) != 2 || o.Items[0].ProductID != "MUG" || o.Items[1].Total != eur(7, 500_000_000) {
				t.Errorf("items = %+v, want MUG then SOCKS at 7.50", o.Items)
			}
			if !o.CreatedAt.Equal(t0) || !o.UpdatedAt.Equal(t0) || o.Total != eur(20, 500_000_000) || o.Address.City != "Paris" {
				t.Errorf("order = %+v", o)
			}
		}},
		{"completed", []domain.Change{placed, completed}, func(t *testing.T, s domain.State) {
			o := s.Order
			if s.Version != 2 || o.Status != orders.StatusCompleted || o.TrackingID != "TR-1" || o.TransactionID != "TX-1" || !o.UpdatedAt.Equal(t0.Add(time.Minute)) {
				t.Errorf("state = %+v", s)
			}
		}},
		{"cancelled", []domain.Change{placed, cancelled}, func(t *testing.T, s domain.State) {
			if s.Order.Status != orders.StatusCancelled || s.Order.CancellationReason != "card declined" {
				t.Errorf("order = %+v", s.Order)
			}
		}},
		{"noted", []domain.Change{placed, shipped, charged}, func(t *testing.T, s domain.State) {
			if o := s.Order; o.Status != orders.StatusPending || o.TrackingID != "TR-1" || o.TransactionID != "TX-1" {
				t.Errorf("order = %+v, want PENDING with both ids noted", o)
			}
		}},
		{"a cancelled order keeps no noted id", []domain.Change{placed, shipped, charged, cancelled}, func(t *testing.T, s domain.State) {
			if o := s.Order; o.Status != orders.StatusCancelled || o.TrackingID != "" || o.TransactionID != "" {
				t.Errorf("order = %+v, want CANCELLED without ids", o)
			}
		}},
		{"a step does not touch updated_at", []domain.Change{placed, step, completed, step}, func(t *testing.T, s domain.State) {
			o := s.Order
			if s.Version != 4 || len(o.Steps) != 2 || !o.UpdatedAt.Equal(t0.Add(2*time.Minute)) {
				t.Fatalf("state = %+v", s)
			}
			want := orders.Step{Name: "reserve", Phase: "forward", Status: "succeeded", Attempt: 1, Module: "inventory", Event: "purchase.stock_reserved.v1",
				TraceID: "abc", StartedAt: t0.Add(30 * time.Second), FinishedAt: t0.Add(30 * time.Second)}
			if got := o.Steps[0]; got != want {
				t.Errorf("step = %+v, want %+v", got, want)
			}
		}},
		{"nothing", nil, func(t *testing.T, s domain.State) {
			if s.Version != 0 || s.Order.Status != "" {
				t.Errorf("state = %+v, want the empty state", s)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := domain.Fold(stream(t, c.changes...))
			if err != nil {
				t.Fatal(err)
			}
			c.check(t, s)
		})
	}
}

func TestFoldRefusesABrokenStream(t *testing.T) {
	gap := stream(t, placed, domain.Change{Type: domain.TypeCancelled, Data: domain.Cancelled{}})
	gap[1].Version = 3
	unknown := stream(t, placed, domain.Change{Type: "order_teleported", Data: struct{}{}})
	for name, events := range map[string][]domain.Event{"a version gap": gap, "an unknown type": unknown} {
		if _, err := domain.Fold(events); err == nil {
			t.Errorf("%s: folded without an error", name)
		}
	}
}

func TestDecisions(t *testing.T) {
	state := func(changes ...domain.Change) domain.State {
		s, err := domain.Fold(stream(t, changes...))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	pending := state(placed)
	completed := state(placed, domain.Change{Type: domain.TypeCompleted, Data: domain.Completed{}})
	cancelled := state(placed, domain.Change{Type: domain.TypeCancelled, Data: domain.Cancelled{}})
	noted := state(placed, domain.Change{Type: domain.TypeNoted, Data: domain.Noted{TrackingID: "TR"}})
	cases := []struct {
		name    string
		decide  func() ([]domain.Change, error)
		want    string // the type decided, "" for none
		wantErr error
	}{
		{"complete a pending order", func() ([]domain.Change, error) { return pending.Complete("TR", "TX") }, domain.TypeCompleted, nil},
		{"complete it again", func() ([]domain.Change, error) { return completed.Complete("TR", "TX") }, "", nil},
		{"complete a cancelled order", func() ([]domain.Change, error) { return cancelled.Complete("TR", "TX") }, "", domain.ErrOrderFinal},
		{"cancel a pending order", func() ([]domain.Change, error) { return pending.Cancel("why") }, domain.TypeCancelled, nil},
		{"cancel it again", func() ([]domain.Change, error) { return cancelled.Cancel("why") }, "", nil},
		{"cancel a completed order", func() ([]domain.Change, error) { return completed.Cancel("why") }, "", domain.ErrOrderFinal},
		{"complete an unknown order", func() ([]domain.Change, error) { return domain.State{}.Complete("TR", "TX") }, "", orders.ErrOrderNotFound},
		{"record a step of an unknown order", func() ([]domain.Change, error) { return domain.State{}.RecordStep(orders.Step{}) }, "", orders.ErrOrderNotFound},
		{"record a step", func() ([]domain.Change, error) { return completed.RecordStep(orders.Step{Name: "confirm"}) }, domain.TypeStepRecorded, nil},
		{"note an id", func() ([]domain.Change, error) { return pending.Note("TR", "") }, domain.TypeNoted, nil},
		{"note the id it holds", func() ([]domain.Change, error) { return noted.Note("TR", "") }, "", nil},
		{"note nothing", func() ([]domain.Change, error) { return pending.Note("", "") }, "", nil},
		{"note an id of an ended order", func() ([]domain.Change, error) { return cancelled.Note("TR", "TX") }, "", nil},
		{"note an id of an unknown order", func() ([]domain.Change, error) { return domain.State{}.Note("TR", "") }, "", orders.ErrOrderNotFound},
		{"place an order twice", func() ([]domain.Change, error) { return pending.Place(orders.Order{ID: "o1"}, "ada", "") }, "", shared.ErrConflict},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			changes, err := c.decide()
			if c.wantErr != nil {
				if !errors.Is(err, c.wantErr) {
					t.Fatalf("err = %v, want %v", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if len(changes) > 0 {
				got = changes[0].Type
			}
			if got != c.want || len(changes) > 1 {
				t.Errorf("decided %v, want %q", changes, c.want)
			}
		})
	}
}
