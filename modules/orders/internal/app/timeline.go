package app

import (
	"context"
	"slices"

	"github.com/jubako/jubako/modules/cart"
	"github.com/jubako/jubako/modules/inventory"
	"github.com/jubako/jubako/modules/notification"
	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/saga"
)

// This file is the checkout's timeline, in the same shape whichever mode
// ran it: the saga's log with the endpoint each step called, or the steps
// orders recorded from the participants' events.

// act is one line of the timeline: a step's phase and outcome, and the
// module that acted.
type act struct {
	step, phase, status, module string
}

// acts says which line of the timeline each purchase event is, with the
// saga's names for the steps and their outcomes.
var acts = map[string]act{
	purchase.StockReserved.Info().Name:    {"reserve", orders.PhaseForward, saga.LogSucceeded, "inventory"},
	purchase.StockUnavailable.Info().Name: {"reserve", orders.PhaseForward, saga.LogFailed, "inventory"},
	purchase.PaymentCharged.Info().Name:   {"charge", orders.PhaseForward, saga.LogSucceeded, "payment"},
	purchase.PaymentFailed.Info().Name:    {"charge", orders.PhaseForward, saga.LogFailed, "payment"},
	purchase.Shipped.Info().Name:          {"ship", orders.PhaseForward, saga.LogSucceeded, "shipping"},
	purchase.ShippingFailed.Info().Name:   {"ship", orders.PhaseForward, saga.LogFailed, "shipping"},
	purchase.PaymentRefunded.Info().Name:  {"charge", orders.PhaseCompensate, saga.LogCompensated, "payment"},
	purchase.StockReleased.Info().Name:    {"reserve", orders.PhaseCompensate, saga.LogCompensated, "inventory"},
	purchase.StockCommitted.Info().Name:   {"commit", orders.PhaseForward, saga.LogSucceeded, "inventory"},
	purchase.CartEmptied.Info().Name:      {"empty_cart", orders.PhaseForward, saga.LogSucceeded, "cart"},
	purchase.ConfirmationSent.Info().Name: {"confirm", orders.PhaseForward, saga.LogSucceeded, "notification"},
}

// called names the endpoint each step of the checkout saga calls, forward
// and to compensate (see defineCheckout).
var called = map[string]struct{ do, undo *bus.EndpointInfo }{
	"reserve":    {inventory.Reserve.Info(), inventory.Release.Info()},
	"charge":     {payment.Charge.Info(), payment.Refund.Info()},
	"ship":       {shipping.Ship.Info(), shipping.Cancel.Info()},
	"commit":     {do: inventory.Commit.Info()},
	"empty_cart": {do: cart.EmptyCart.Info()},
	"confirm":    {do: notification.SendConfirmation.Info()},
}

// sequence is the order of the checkout's steps forward; they are undone
// in reverse.
var sequence = []string{"reserve", "charge", "ship", "commit", "empty_cart", "confirm"}

// rank places a step of a choreographed order where the saga would log it:
// the steps forward in sequence, then the compensations in reverse.
func rank(st orders.Step) int {
	i := slices.Index(sequence, st.Name)
	if st.Phase == orders.PhaseCompensate {
		return 2*len(sequence) - i
	}
	return i
}

// withSteps adds o's checkout timeline: the saga's log for an orchestrated
// order, each line naming the endpoint called and the saga's trace; the
// recorded steps of a choreographed one, placed as the saga would log them
// whatever order their events came in (the cart and the mail, done at the
// same time, in the saga's order too).
func (s *Service) withSteps(ctx context.Context, o orders.Order) (orders.Order, error) {
	if o.CheckoutMode == orders.ModeChoreography {
		slices.SortStableFunc(o.Steps, func(a, b orders.Step) int { return rank(a) - rank(b) })
		return o, nil
	}
	info, err := s.engine.Get(ctx, o.ID)
	if err != nil {
		return orders.Order{}, err
	}
	for _, l := range info.Log {
		st := orders.Step{
			Name: l.Step, Phase: l.Phase, Status: l.Status, Attempt: l.Attempt, Error: l.Error,
			TraceID: info.TraceID, StartedAt: l.StartedAt, FinishedAt: l.FinishedAt,
		}
		if e := endpointOf(l.Step, l.Phase); e != nil {
			st.Module, st.Event = e.Module, e.Name
		}
		o.Steps = append(o.Steps, st)
	}
	return o, nil
}

// endpointOf is the endpoint the saga's step calls in phase, or nil for a
// step the definition does not have.
func endpointOf(step, phase string) *bus.EndpointInfo {
	if phase == orders.PhaseCompensate {
		return called[step].undo
	}
	return called[step].do
}
