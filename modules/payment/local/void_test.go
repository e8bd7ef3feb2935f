package local_test

import (
	"errors"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// A refund that comes before its charge (the saga compensated a charge it
// timed out on) voids the key: the late charge is refused and takes no
// money.
func TestRefundBeforeChargeVoidsTheKey(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be)
		refund := func(what string) {
			r, err := payment.Refund.Call(ctx, p.Bus, payment.RefundRequest{ChargeKey: "saga-v:charge"})
			if err != nil || r.Refunded || r.RefundID != "" {
				t.Errorf("%s: %+v, %v; want Refunded false", what, r, err)
			}
		}
		refund("refund before any charge")
		_, err := payment.Charge.Call(ctx, p.Bus, charge("saga-v:charge", "order-v", usd(12, 0), visa()))
		expectErr(t, "charge after the refund", err, payment.ErrVoided)
		if e := shared.AsError(err); e.Code != shared.CodeConflict || e.Reason != "charge_voided" {
			t.Errorf("charge after the refund: code %s reason %q, want Conflict charge_voided", e.Code, e.Reason)
		}
		refund("refund again")
		if entries := ledger(t, p, "order-v"); len(entries) != 0 {
			t.Errorf("ledger of order-v = %+v, want nothing charged", entries)
		}
		var kinds []string
		if err := p.DB.Table("payment_ledger").Order("id").Pluck("kind", &kinds).Error; err != nil {
			t.Fatal(err)
		}
		if len(kinds) != 1 || kinds[0] != payment.KindVoid {
			t.Errorf("ledger rows of kinds %q, want one void", kinds)
		}
		if _, err := payment.Charge.Call(ctx, p.Bus, charge("other-key", "order-v", usd(12, 0), visa())); err != nil {
			t.Errorf("charging under another key: %v", err)
		}
	})
}

// Charge and Refund of one fresh key, launched together twenty times (one
// of them a little later in most rounds, so that either may win):
// either the charge is made and refunded, or it is refused and nothing is
// made. Never a charge that stays.
func TestChargeAndRefundRaceEndConsistent(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be)
		outcomes := map[string]int{}
		for i := range 20 {
			key, ref := fmt.Sprintf("race-%d:charge", i), fmt.Sprintf("order-race-%d", i)
			var chargeErr, refundErr error
			var refunded payment.RefundReply
			testkit.Together(
				func() {
					time.Sleep(lag(i, 0))
					_, chargeErr = payment.Charge.Call(ctx, p.Bus, charge(key, ref, usd(7, 500_000_000), visa()))
				},
				func() {
					time.Sleep(lag(i, 1))
					refunded, refundErr = payment.Refund.Call(ctx, p.Bus, payment.RefundRequest{ChargeKey: key})
				},
			)
			if refundErr != nil {
				t.Fatalf("%s: refund: %v", key, refundErr)
			}
			entries := ledger(t, p, ref)
			switch {
			case chargeErr == nil && refunded.Refunded:
				outcomes["charged and refunded"]++
				expectNetZero(t, key, entries, 2)
			case errors.Is(chargeErr, payment.ErrVoided) && !refunded.Refunded:
				outcomes["voided"]++
				expectNetZero(t, key, entries, 0)
			default:
				t.Errorf("%s: charge %v, refund %+v; ledger %+v", key, chargeErr, refunded, entries)
			}
		}
		t.Logf("outcomes: %v", outcomes)
	})
}

// expectNetZero fails t unless entries has n lines that sum to zero.
func expectNetZero(t *testing.T, key string, entries []payment.Entry, n int) {
	t.Helper()
	net := new(big.Rat)
	for _, e := range entries {
		net.Add(net, e.Amount.Rat())
	}
	if len(entries) != n || net.Sign() != 0 {
		t.Errorf("%s: ledger %+v nets to %s, want %d entries netting to 0", key, entries, net.FloatString(9), n)
	}
}

// lag is how long party (0 or 1) of a race waits in round i: in even
// rounds party 0, in odd rounds party 1, by 0 to 600µs.
func lag(i, party int) time.Duration {
	if i%2 != party {
		return 0
	}
	return time.Duration(i%4) * 200 * time.Microsecond
}
