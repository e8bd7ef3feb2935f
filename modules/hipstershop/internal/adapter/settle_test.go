package adapter

import (
	"context"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc/codes"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/grpcserver"
)

// forward and back are timeline lines of the checkout (orders.Step).
func forward(status, err string) orders.Step {
	return orders.Step{Name: "charge", Phase: orders.PhaseForward, Status: status, Error: err}
}

func back(status, err string) orders.Step {
	return orders.Step{Name: "reserve", Phase: "compensate", Status: status, Error: err}
}

// TestSettleAnswersTheCheckoutsOutcome: the status PlaceOrder answers for
// each way a checkout ends, and for one still running at the deadline.
func TestSettleAnswersTheCheckoutsOutcome(t *testing.T) {
	for _, tc := range []struct {
		name    string
		order   orders.Order
		code    codes.Code
		message string
	}{
		{"completed", orders.Order{Status: orders.StatusCompleted}, codes.OK, ""},
		{"a declined card", cancelledWith("charge failed: card declined", forward("failed", "conflict: card declined"), back("compensated", "")),
			codes.FailedPrecondition, "was cancelled: charge failed: card declined"},
		{"a card payment refuses", cancelledWith("charge failed: invalid card", forward("failed", "invalid: card.number: invalid card")),
			codes.InvalidArgument, "was cancelled: charge failed: invalid card"},
		{"a failing compensation does not hide why", cancelledWith("ship failed: undeliverable",
			forward("failed", "conflict: undeliverable"), back("compensation_failed", "unavailable: inventory is unreachable"), back("compensated", "")),
			codes.FailedPrecondition, "ship failed: undeliverable"},
		{"a participant unavailable past its retries", cancelledWith("charge failed after 5 attempts: payment is unreachable",
			forward("failed", "unavailable: payment is unreachable"), forward("failed", "unavailable: payment is unreachable")),
			codes.Aborted, "after 5 attempts"},
		{"compensation forced by an operator", cancelledWith("compensation forced by an operator", forward("succeeded", "")),
			codes.Aborted, "forced by an operator"},
		{"still pending at the deadline", orders.Order{Status: orders.StatusPending}, codes.DeadlineExceeded, "is still being placed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := bus.New()
			tc.order.ID = "order-1"
			orders.GetOrder.Handle(b, func(context.Context, orders.GetOrderRequest) (orders.Order, error) { return tc.order, nil })
			ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
			defer cancel()
			o, err := settle(ctx, b, "order-1", "ob-ada")
			s := grpcserver.Status(ctx, err)
			if s.Code() != tc.code || !strings.Contains(s.Message(), tc.message) || (err != nil && !strings.Contains(s.Message(), "order-1")) {
				t.Errorf("%s %q, want %s saying %q about order-1", s.Code(), s.Message(), tc.code, tc.message)
			}
			if err == nil && o.ID != "order-1" {
				t.Errorf("order %+v", o)
			}
		})
	}
}

func cancelledWith(reason string, steps ...orders.Step) orders.Order {
	return orders.Order{Status: orders.StatusCancelled, CancellationReason: reason, Steps: steps}
}
