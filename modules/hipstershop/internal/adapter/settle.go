package adapter

import (
	"context"
	"fmt"
	"strings"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

// maxPoll bounds the wait between two looks at a pending order.
const maxPoll = 100 * time.Millisecond

// settle waits for the order's checkout to end, looking it up with
// backoff until the call's deadline: a completed order is returned, a
// cancelled one is the error cancelled gives, and an order still pending
// at the deadline is DEADLINE_EXCEEDED, saying so.
func settle(ctx context.Context, b *bus.Bus, id, user string) (orders.Order, error) {
	delay := 5 * time.Millisecond
	for {
		o, err := orders.GetOrder.Call(ctx, b, orders.GetOrderRequest{OrderID: id, UserID: user})
		switch {
		case ctx.Err() != nil:
			return orders.Order{}, stillPending(id)
		case err != nil:
			return orders.Order{}, err
		case o.Status == orders.StatusCompleted:
			return o, nil
		case o.Status == orders.StatusCancelled:
			return orders.Order{}, cancelled(o)
		}
		select {
		case <-ctx.Done():
			return orders.Order{}, stillPending(id)
		case <-time.After(delay):
		}
		delay = min(2*delay, maxPoll)
	}
}

func stillPending(id string) error {
	return status.Errorf(codes.DeadlineExceeded, "order %s is still being placed: its checkout goes on and ends COMPLETED or CANCELLED "+
		"(placing it again in the same trace, or with the same idempotency-key, answers it)", id)
}

// reasonCancelled refines the error of a cancelled order.
const reasonCancelled = "order_cancelled"

// cancelled is the error of a cancelled order, its message the order's
// cancellation reason. When a step failed for a business reason, the
// status is that of its code: a declined card or an undeliverable address
// (conflict) FAILED_PRECONDITION, a card payment refuses (invalid)
// INVALID_ARGUMENT. When the checkout gave up instead — a participant
// unavailable past its retries, the checkout's deadline, an operator — it
// is ABORTED: placing the order again may succeed.
func cancelled(o orders.Order) error {
	msg := fmt.Sprintf("order %s was cancelled: %s", o.ID, o.CancellationReason)
	code := failedCode(o.Steps)
	if code == "" || shared.Retryable(&shared.Error{Code: code}) {
		return status.Error(codes.Aborted, msg)
	}
	return &shared.Error{Code: code, Reason: reasonCancelled, Message: msg}
}

// failedCode is the code of the last step that failed going forward, read
// from its error ("conflict: card declined"); "" when none did.
func failedCode(steps []orders.Step) shared.Code {
	for i := len(steps) - 1; i >= 0; i-- {
		if st := steps[i]; st.Phase == orders.PhaseForward && st.Status == orders.StepFailed {
			code, _, _ := strings.Cut(st.Error, ": ")
			return shared.Code(code)
		}
	}
	return ""
}
