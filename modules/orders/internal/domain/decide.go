package domain

import (
	"time"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/shared"
)

// ErrOrderFinal refuses to complete a cancelled order or cancel a
// completed one.
var ErrOrderFinal = shared.NewReason(shared.CodeConflict, "order_final", "the order is already final")

// Place decides the placed event of a new order; an order with this id
// already has events: Conflict.
func (s State) Place(o orders.Order, userID, key string) ([]Change, error) {
	if s.Version > 0 {
		return nil, shared.Errorf(shared.CodeConflict, "order %s is already placed", o.ID)
	}
	return []Change{{Type: TypePlaced, Data: PlacedFrom(o, userID, key)}}, nil
}

// Complete decides the completion of a PENDING order. Completing a
// completed order changes nothing; a cancelled one is ErrOrderFinal.
func (s State) Complete(trackingID, transactionID string) ([]Change, error) {
	switch s.Order.Status {
	case "":
		return nil, orders.ErrOrderNotFound
	case orders.StatusCompleted:
		return nil, nil
	case orders.StatusCancelled:
		return nil, ErrOrderFinal.With("order %s is cancelled: it cannot complete", s.Order.ID)
	}
	return []Change{{Type: TypeCompleted, Data: Completed{TrackingID: trackingID, TransactionID: transactionID}}}, nil
}

// Cancel decides the cancellation of a PENDING order. Cancelling a
// cancelled order changes nothing; a completed one is ErrOrderFinal.
func (s State) Cancel(reason string) ([]Change, error) {
	switch s.Order.Status {
	case "":
		return nil, orders.ErrOrderNotFound
	case orders.StatusCancelled:
		return nil, nil
	case orders.StatusCompleted:
		return nil, ErrOrderFinal.With("order %s is completed: it cannot be cancelled", s.Order.ID)
	}
	return []Change{{Type: TypeCancelled, Data: Cancelled{Reason: reason}}}, nil
}

// RecordStep decides a step of the order's choreographed timeline, its
// time kept to the microsecond as the database keeps times.
func (s State) RecordStep(st orders.Step) ([]Change, error) {
	if s.Version == 0 {
		return nil, orders.ErrOrderNotFound
	}
	return []Change{{Type: TypeStepRecorded, Data: StepRecorded{
		Name: st.Name, Phase: st.Phase, Status: st.Status, Error: st.Error, Module: st.Module, Event: st.Event,
		TraceID: st.TraceID, FinishedAt: st.FinishedAt.UTC().Truncate(time.Microsecond),
	}}}, nil
}

// Note decides to keep the tracking and transaction ids of a PENDING order
// that it does not hold yet; an ended order or ids already held change
// nothing.
func (s State) Note(trackingID, transactionID string) ([]Change, error) {
	if s.Version == 0 {
		return nil, orders.ErrOrderNotFound
	}
	n := Noted{TrackingID: trackingID, TransactionID: transactionID}
	if n.TrackingID == s.Order.TrackingID {
		n.TrackingID = ""
	}
	if n.TransactionID == s.Order.TransactionID {
		n.TransactionID = ""
	}
	if s.Order.Status != orders.StatusPending || n == (Noted{}) {
		return nil, nil
	}
	return []Change{{Type: TypeNoted, Data: n}}, nil
}
