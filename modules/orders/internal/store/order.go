// Package store keeps orders event-sourced: each order is a stream of
// events in orders_events, the source of truth, and the tables the reads
// use are projections of them: the order view (orders_orders,
// orders_lines, orders_steps), the customers' order lists
// (orders_customer_orders) and the daily sales (orders_daily_sales).
package store

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/orders/internal/domain"
	"github.com/jubako/jubako/platform/db"
)

// Orders appends orders' events and reads their projections.
type Orders struct {
	db          *db.DB
	projections []projection
	wake        chan struct{}
	// now stamps the events.
	now func() time.Time
}

// New returns the store.
func New(d *db.DB) *Orders {
	return &Orders{db: d, projections: []projection{orderView, customerOrders, dailySales}, wake: make(chan struct{}, 1), now: db.Now}
}

// Insert places a new PENDING order, checked out in o.CheckoutMode, within
// tx. A second order with the same user and idempotency key violates the
// order view's unique index.
func (s *Orders) Insert(tx *gorm.DB, o orders.Order, userID, key string) error {
	return s.command(tx, o.ID, func(st domain.State) ([]domain.Change, error) { return st.Place(o, userID, key) })
}

// Complete marks an order COMPLETED within tx.
func (s *Orders) Complete(tx *gorm.DB, id, trackingID, transactionID string) error {
	return s.command(tx, id, func(st domain.State) ([]domain.Change, error) { return st.Complete(trackingID, transactionID) })
}

// Cancel marks an order CANCELLED with the reason within tx.
func (s *Orders) Cancel(tx *gorm.DB, id, reason string) error {
	return s.command(tx, id, func(st domain.State) ([]domain.Change, error) { return st.Cancel(reason) })
}

// RecordStep appends a step to the timeline of a choreographed order
// within tx: what a participant's event told of.
func (s *Orders) RecordStep(tx *gorm.DB, id string, step orders.Step) error {
	return s.command(tx, id, func(st domain.State) ([]domain.Change, error) { return st.RecordStep(step) })
}

// command loads the order's stream within tx, lets decide choose the
// events, appends them and applies them to the inline projections, so
// that whoever reads after the commit reads them. The tailing projections
// are woken after the commit.
func (s *Orders) command(tx *gorm.DB, id string, decide func(domain.State) ([]domain.Change, error)) error {
	stream, err := loadStream(tx, id, 0)
	if err != nil {
		return err
	}
	st, err := domain.Fold(stream)
	if err != nil {
		return err
	}
	changes, err := decide(st)
	if err != nil || len(changes) == 0 {
		return err
	}
	added, err := appendEvents(tx, id, st.Version, changes, s.now())
	if err != nil {
		return err
	}
	stream = append(stream, added...)
	for _, p := range s.projections {
		if !p.inline {
			continue
		}
		for _, e := range added {
			if err := p.apply(tx, e, stream[:e.Version]); err != nil {
				return err
			}
		}
	}
	db.AfterCommit(tx, s.Wake)
	return nil
}

// AsOf folds an order's events that occurred at or before t: the order as
// it was then, and who placed it. An order placed after t, or never, is
// ErrOrderNotFound.
func (s *Orders) AsOf(ctx context.Context, id string, t time.Time) (domain.State, error) {
	stream, err := loadStream(s.db.WithContext(ctx), id, 0)
	if err != nil {
		return domain.State{}, err
	}
	n := 0
	for n < len(stream) && !stream[n].OccurredAt.After(t) {
		n++
	}
	if n == 0 {
		return domain.State{}, errNotFound(id)
	}
	return domain.Fold(stream[:n])
}

func errNotFound(id string) error { return orders.ErrOrderNotFound.With("no order %q", id) }
