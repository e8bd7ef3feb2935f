package domain

import (
	"cmp"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/jubako/jubako/modules/orders"
)

// State is an order as its events make it. Version is the number of
// events folded: 0 for an order that does not exist.
type State struct {
	Order   orders.Order
	UserID  string
	Key     string
	Version int
}

// Fold applies events, oldest first, to the empty state.
func Fold(events []Event) (State, error) {
	var s State
	for _, e := range events {
		var err error
		if s, err = s.Apply(e); err != nil {
			return State{}, err
		}
	}
	return s, nil
}

// Apply returns the state after e. e must be the stream's next event.
func (s State) Apply(e Event) (State, error) {
	if e.Version != s.Version+1 {
		return State{}, fmt.Errorf("order %s: event version %d follows version %d", e.StreamID, e.Version, s.Version)
	}
	var err error
	switch e.Type {
	case TypePlaced:
		err = s.placed(e)
	case TypeCompleted:
		var c Completed
		if err = json.Unmarshal(e.Payload, &c); err == nil {
			s.Order.Status, s.Order.TrackingID, s.Order.TransactionID = orders.StatusCompleted, c.TrackingID, c.TransactionID
		}
	case TypeCancelled:
		var c Cancelled
		if err = json.Unmarshal(e.Payload, &c); err == nil {
			// A cancelled order keeps no tracking or transaction id: what a
			// choreographed checkout noted of them was undone.
			s.Order.Status, s.Order.CancellationReason = orders.StatusCancelled, c.Reason
			s.Order.TrackingID, s.Order.TransactionID = "", ""
		}
	case TypeNoted:
		var n Noted
		if err = json.Unmarshal(e.Payload, &n); err == nil {
			s.Order.TrackingID = cmp.Or(n.TrackingID, s.Order.TrackingID)
			s.Order.TransactionID = cmp.Or(n.TransactionID, s.Order.TransactionID)
		}
	case TypeStepRecorded:
		err = s.stepRecorded(e)
	default:
		err = fmt.Errorf("unknown event type %q", e.Type)
	}
	if err != nil {
		return State{}, fmt.Errorf("order %s version %d: %w", e.StreamID, e.Version, err)
	}
	s.Version = e.Version
	if e.Type != TypeStepRecorded {
		s.Order.UpdatedAt = e.OccurredAt
	}
	return s, nil
}

// placed starts the order: PENDING, its lines sorted by product.
func (s *State) placed(e Event) error {
	var p Placed
	if err := json.Unmarshal(e.Payload, &p); err != nil {
		return err
	}
	s.UserID, s.Key = p.UserID, p.IdempotencyKey
	s.Order = orders.Order{
		ID: e.StreamID, Status: orders.StatusPending, Email: p.Email, Currency: p.Currency, Address: p.Address,
		ShippingCost: p.Shipping, Total: p.Total, Items: make([]orders.Line, 0, len(p.Lines)), CheckoutMode: p.CheckoutMode,
		CreatedAt: e.OccurredAt,
	}
	for _, l := range p.Lines {
		total, err := l.UnitPrice.Times(int64(l.Quantity))
		if err != nil {
			return err
		}
		s.Order.Items = append(s.Order.Items, orders.Line{ProductID: l.ProductID, Name: l.Name, Quantity: l.Quantity, UnitPrice: l.UnitPrice, Total: total})
	}
	sort.Slice(s.Order.Items, func(i, j int) bool { return s.Order.Items[i].ProductID < s.Order.Items[j].ProductID })
	return nil
}

// stepRecorded adds a step to the timeline; a recorded step has one
// attempt, finished when it was recorded to have started.
func (s *State) stepRecorded(e Event) error {
	var r StepRecorded
	if err := json.Unmarshal(e.Payload, &r); err != nil {
		return err
	}
	s.Order.Steps = append(s.Order.Steps, orders.Step{
		Name: r.Name, Phase: r.Phase, Status: r.Status, Attempt: 1, Error: r.Error, Module: r.Module,
		Event: r.Event, TraceID: r.TraceID, StartedAt: r.FinishedAt.UTC(), FinishedAt: r.FinishedAt.UTC(),
	})
	return nil
}
