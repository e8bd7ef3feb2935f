package local_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"go.uber.org/fx"

	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// checkout is payment running with the outcomes of its step of the
// choreographed checkout collected.
type checkout struct {
	p        *testkit.Process
	charged  *testkit.Events[purchase.PaymentChargedEvent]
	failed   *testkit.Events[purchase.StepEvent]
	refunded *testkit.Events[purchase.StepEvent]
}

func startCheckout(t *testing.T, be testkit.Backend, settings testkit.Settings) *checkout {
	t.Helper()
	c := &checkout{}
	var opts [3]fx.Option
	c.charged, opts[0] = testkit.Collect(purchase.PaymentCharged)
	c.failed, opts[1] = testkit.Collect(purchase.PaymentFailed)
	c.refunded, opts[2] = testkit.Collect(purchase.PaymentRefunded)
	c.p = startWith(t, be, settings, opts[:]...)
	return c
}

func (c *checkout) hold(t *testing.T, order string, amount shared.Money, card payment.CreditCard) {
	t.Helper()
	if _, err := payment.HoldCard.Call(ctx, c.p.Bus, payment.HoldCardRequest{Reference: order, Amount: amount, Card: card}); err != nil {
		t.Fatalf("HoldCard(%s): %v", order, err)
	}
}

func (c *checkout) reserved(t *testing.T, order string) {
	t.Helper()
	testkit.Publish(t, c.p, purchase.StockReserved, purchase.StepEvent{OrderID: order, At: time.Now()})
}

func of(order string) func(purchase.StepEvent) bool {
	return func(e purchase.StepEvent) bool { return e.OrderID == order }
}

func chargedOf(order string) func(purchase.PaymentChargedEvent) bool {
	return func(e purchase.PaymentChargedEvent) bool { return e.OrderID == order }
}

// holds counts the rows of payment_holds.
func holds(t *testing.T, p *testkit.Process) int64 {
	t.Helper()
	var n int64
	if err := p.DB.Table("payment_holds").Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func TestHoldCardRefusesBadInput(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be)
		lastYear, lastMonth := monthFromNow(-1)
		with := func(edit func(*payment.HoldCardRequest)) payment.HoldCardRequest {
			req := payment.HoldCardRequest{Reference: "order-1", Amount: usd(10, 0), Card: visa()}
			edit(&req)
			return req
		}
		for _, tc := range []struct {
			name  string
			req   payment.HoldCardRequest
			field string
		}{
			{"no reference", with(func(r *payment.HoldCardRequest) { r.Reference = " " }), "reference"},
			{"long reference", with(func(r *payment.HoldCardRequest) { r.Reference = strings.Repeat("r", 201) }), "reference"},
			{"zero amount", with(func(r *payment.HoldCardRequest) { r.Amount = usd(0, 0) }), "amount.units"},
			{"bad Luhn", with(func(r *payment.HoldCardRequest) { r.Card.Number = "4111111111111112" }), "card.number"},
			{"CVV 12", with(func(r *payment.HoldCardRequest) { r.Card.CVV = 12 }), "card.cvv"},
			{"expired", with(func(r *payment.HoldCardRequest) {
				r.Card.ExpirationYear, r.Card.ExpirationMonth = lastYear, lastMonth
			}), "card.expiration_month"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := payment.HoldCard.Call(ctx, p.Bus, tc.req)
				testkit.WantInvalid(t, err, tc.field)
			})
		}
		if n := holds(t, p); n != 0 {
			t.Errorf("%d holds stored, want none", n)
		}
	})
}

func TestReservedOrderChargesTheHeldCardOnce(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		c := startCheckout(t, be, nil)
		c.hold(t, "o1", usd(20, 0), visa())
		c.hold(t, "o1", usd(25, 500_000_000), visa()) // the second hold replaces the first
		c.reserved(t, "o1")
		e := c.charged.Await(t, chargedOf("o1"))
		entries := ledger(t, c.p, "o1")
		if len(entries) != 1 || entries[0].Kind != payment.KindCharge || entries[0].Amount != usd(25, 500_000_000) ||
			entries[0].TransactionID != e.TransactionID || entries[0].CardLast4 != "1111" {
			t.Fatalf("ledger %+v, want one charge of 25.50 USD on 1111 with transaction %s", entries, e.TransactionID)
		}
		if n := holds(t, c.p); n != 0 {
			t.Errorf("%d holds left after the charge, want none", n)
		}

		testkit.Redeliver(t, c.p, purchase.StockReserved.Info().Name, "payment")
		if n := ledgerRows(t, c.p); n != 1 {
			t.Errorf("%d ledger rows after the event came twice, want 1", n)
		}
		if got := testkit.Published(t, c.p, purchase.PaymentCharged, chargedOf("o1")); len(got) != 1 {
			t.Errorf("PaymentCharged %d times, want once", len(got))
		}
	})
}

func TestRefusedChargeFailsThePayment(t *testing.T) {
	declined := visa()
	declined.Number = payment.DeclinedCard
	for _, tc := range []struct {
		name   string
		hold   *payment.CreditCard
		reason string
	}{
		{"declined card", &declined, "declined"},
		{"no card held", nil, "no card is held"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			testkit.Each(t, func(t *testing.T, be testkit.Backend) {
				c := startCheckout(t, be, nil)
				if tc.hold != nil {
					c.hold(t, "o1", usd(20, 0), *tc.hold)
				}
				c.reserved(t, "o1")
				if e := c.failed.Await(t, of("o1")); !strings.Contains(e.Reason, tc.reason) {
					t.Errorf("PaymentFailed reason %q, want it to say %q", e.Reason, tc.reason)
				}
				if n, h := ledgerRows(t, c.p), holds(t, c.p); n != 0 || h != 0 {
					t.Errorf("%d ledger rows and %d holds left, want none", n, h)
				}
			})
		})
	}
}

func TestShippingFailureRefundsTheCharge(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		c := startCheckout(t, be, nil)
		c.hold(t, "o1", usd(20, 0), visa())
		c.reserved(t, "o1")
		c.charged.Await(t, chargedOf("o1"))
		testkit.Publish(t, c.p, purchase.ShippingFailed, purchase.StepEvent{OrderID: "o1", Reason: "no shipment reaches zip code 99999", At: time.Now()})
		if e := c.refunded.Await(t, of("o1")); e.Reason != "no shipment reaches zip code 99999" {
			t.Errorf("PaymentRefunded reason %q, want the shipping failure's", e.Reason)
		}
		var kinds []string
		for _, e := range ledger(t, c.p, "o1") {
			kinds = append(kinds, fmt.Sprint(e.Kind, " ", e.Amount))
		}
		if got := strings.Join(kinds, ", "); got != "charge USD 20.00, refund USD -20.00" {
			t.Errorf("ledger: %s", got)
		}
	})
}

func TestRefundBeforeTheChargeVoidsIt(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		c := startCheckout(t, be, nil)
		testkit.Publish(t, c.p, purchase.ShippingFailed, purchase.StepEvent{OrderID: "late", Reason: "undeliverable", At: time.Now()})
		c.refunded.Await(t, of("late"))
		c.hold(t, "late", usd(20, 0), visa())
		c.reserved(t, "late")
		if e := c.failed.Await(t, of("late")); !strings.Contains(e.Reason, "refunded before it was charged") {
			t.Errorf("PaymentFailed reason %q, want the void's", e.Reason)
		}
		if entries, h := ledger(t, c.p, "late"), holds(t, c.p); len(entries) != 0 || h != 0 {
			t.Errorf("ledger %+v and %d holds, want nothing charged and nothing held", entries, h)
		}
	})
}

func TestUnavailableStockDropsTheHold(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		c := startCheckout(t, be, nil)
		c.hold(t, "o1", usd(20, 0), visa())
		c.hold(t, "o2", usd(20, 0), visa())
		testkit.Publish(t, c.p, purchase.StockUnavailable, purchase.StepEvent{OrderID: "o1", Reason: "out of stock", At: time.Now()})
		testkit.Eventually(t, 10*time.Second, func() bool { return holds(t, c.p) == 1 },
			func() string { return fmt.Sprintf("%d holds, want o2's alone", holds(t, c.p)) })
	})
}

func TestUnusedHoldsExpire(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		c := startCheckout(t, be, testkit.Settings{"payment.hold_ttl": "1s", "payment.hold_sweep_interval": "100ms"})
		c.hold(t, "slow", usd(20, 0), visa())
		testkit.Eventually(t, 10*time.Second, func() bool { return holds(t, c.p) == 0 },
			func() string { return fmt.Sprintf("%d holds, want the expired one deleted", holds(t, c.p)) })
		c.reserved(t, "slow")
		if e := c.failed.Await(t, of("slow")); !strings.Contains(e.Reason, "no card is held") {
			t.Errorf("PaymentFailed reason %q after the hold expired", e.Reason)
		}
	})
}

func TestReleasedHoldIsNeverCharged(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		c := startCheckout(t, be, nil)
		c.hold(t, "lost", usd(20, 0), visa())
		c.hold(t, "kept", usd(20, 0), visa())
		for i, want := range []bool{true, false} {
			reply, err := payment.ReleaseHold.Call(ctx, c.p.Bus, payment.ReleaseHoldRequest{Reference: "lost"})
			if err != nil || reply.Released != want {
				t.Fatalf("release #%d: %+v, %v; want released %v", i+1, reply, err, want)
			}
		}
		if n := holds(t, c.p); n != 1 {
			t.Errorf("%d holds after the release, want kept's alone", n)
		}
		c.reserved(t, "lost")
		if e := c.failed.Await(t, of("lost")); !strings.Contains(e.Reason, "no card is held") {
			t.Errorf("PaymentFailed reason %q for a released hold", e.Reason)
		}
		_, err := payment.ReleaseHold.Call(ctx, c.p.Bus, payment.ReleaseHoldRequest{Reference: " "})
		if e := shared.AsError(err); e == nil || e.Code != shared.CodeInvalid || e.Field != "reference" {
			t.Errorf("release without a reference: %v, want Invalid naming reference", err)
		}
	})
}
