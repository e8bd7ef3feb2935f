package local_test

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

func TestCardValidation(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be)
		lastYear, lastMonth := monthFromNow(-1)
		thisYear, thisMonth := monthFromNow(0)
		with := func(edit func(*payment.CreditCard)) payment.CreditCard {
			c := visa()
			edit(&c)
			return c
		}
		for i, tc := range []struct {
			name    string
			card    payment.CreditCard
			last4   string
			field   string
			message string
		}{
			{"VISA", visa(), "1111", "", ""},
			{"MasterCard", with(func(c *payment.CreditCard) { c.Number = "5555555555554444" }), "4444", "", ""},
			{"MasterCard 2-series", with(func(c *payment.CreditCard) { c.Number = "2223 0031 2200 3222" }), "3222", "", ""},
			{"expiring this month", with(func(c *payment.CreditCard) { c.ExpirationYear, c.ExpirationMonth = thisYear, thisMonth }), "1111", "", ""},
			{"American Express", with(func(c *payment.CreditCard) { c.Number = "378282246310005" }), "", "card.number", "only VISA and MasterCard are accepted"},
			{"bad Luhn", with(func(c *payment.CreditCard) { c.Number = "4111111111111112" }), "", "card.number", "not a valid Luhn number"},
			{"expired last month", with(func(c *payment.CreditCard) { c.ExpirationYear, c.ExpirationMonth = lastYear, lastMonth }), "", "card.expiration_", fmt.Sprintf("card expired in %04d-%02d", lastYear, lastMonth)},
			{"month 13", with(func(c *payment.CreditCard) { c.ExpirationMonth = 13 }), "", "card.expiration_month", "1 to 12"},
			{"CVV 12", with(func(c *payment.CreditCard) { c.CVV = 12 }), "", "card.cvv", "3 or 4 digits"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				reply, err := payment.Charge.Call(ctx, p.Bus, charge(fmt.Sprint("card-", i), "order-cards", usd(10, 0), tc.card))
				if tc.field == "" {
					if err != nil || reply.CardLast4 != tc.last4 || reply.TransactionID == "" {
						t.Errorf("Charge = %+v, %v; want a transaction on the card ending %s", reply, err, tc.last4)
					}
					return
				}
				e := shared.AsError(err)
				if !errors.Is(err, shared.ErrInvalid) || !strings.HasPrefix(e.Field, tc.field) || !strings.Contains(e.Message, tc.message) {
					t.Errorf("Charge: %v; want Invalid naming %s…, saying %q", err, tc.field, tc.message)
				}
			})
		}
		if n := ledgerRows(t, p); n != 4 {
			t.Errorf("%d ledger rows, want one per accepted card (4)", n)
		}
	})
}

func TestDeclinedCardWritesNothing(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be)
		declined := visa()
		declined.Number = payment.DeclinedCard
		for range 2 {
			_, err := payment.Charge.Call(ctx, p.Bus, charge("declined", "order-d", usd(5, 0), declined))
			expectErr(t, "charging the declined card", err, payment.ErrDeclined)
		}
		if n := ledgerRows(t, p); n != 0 {
			t.Errorf("a declined charge wrote %d ledger rows", n)
		}
		r, err := payment.Charge.Call(ctx, p.Bus, charge("declined", "order-d", usd(5, 0), visa()))
		if err != nil || r.CardLast4 != "1111" {
			t.Errorf("charging another card under the declined key: %+v, %v; want it charged", r, err)
		}
	})
}

func TestChargeIsIdempotentPerKey(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be)
		req := charge("saga-1:charge", "order-1", usd(19, 990_000_000), visa())
		first, err := payment.Charge.Call(ctx, p.Bus, req)
		if err != nil {
			t.Fatal(err)
		}
		spaced := req
		spaced.Card.Number = "4111 1111 1111 1111"
		again, err := payment.Charge.Call(ctx, p.Bus, spaced)
		if err != nil || again != first {
			t.Errorf("retry = %+v, %v; want the first charge %+v", again, err, first)
		}
		master := req
		master.Card.Number = "5555555555554444"
		for name, other := range map[string]payment.ChargeRequest{
			"other amount":    charge(req.Key, req.Reference, usd(20, 0), req.Card),
			"other currency":  charge(req.Key, req.Reference, shared.Money{CurrencyCode: "EUR", Units: 19, Nanos: 990_000_000}, req.Card),
			"other card":      master,
			"other reference": charge(req.Key, "order-2", req.Amount, req.Card),
		} {
			_, err := payment.Charge.Call(ctx, p.Bus, other)
			if !errors.Is(err, payment.ErrKeyReused) {
				t.Errorf("%s under the same key: %v, want ErrKeyReused", name, err)
			}
		}
		if n := ledgerRows(t, p); n != 1 {
			t.Errorf("%d ledger rows, want 1", n)
		}
	})
}

func TestConcurrentChargesWithOneKeyChargeOnce(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be)
		req := charge("saga-9:charge", "order-9", usd(42, 0), visa())
		replies := make([]payment.ChargeReply, 10)
		errs := make([]error, 10)
		var wg sync.WaitGroup
		for i := range 10 {
			wg.Go(func() { replies[i], errs[i] = payment.Charge.Call(ctx, p.Bus, req) })
		}
		wg.Wait()
		for i := range 10 {
			if errs[i] != nil || replies[i] != replies[0] {
				t.Errorf("call %d: %+v, %v; call 0 gave %+v", i, replies[i], errs[i], replies[0])
			}
		}
		if n := ledgerRows(t, p); n != 1 {
			t.Errorf("%d ledger rows, want 1", n)
		}
	})
}

func TestBadRequestsNameTheField(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be)
		charging := func(req payment.ChargeRequest) func() error {
			return func() error {
				_, err := payment.Charge.Call(ctx, p.Bus, req)
				return err
			}
		}
		refunding := func(key string) func() error {
			return func() error {
				_, err := payment.Refund.Call(ctx, p.Bus, payment.RefundRequest{ChargeKey: key})
				return err
			}
		}
		for _, tc := range []struct {
			name  string
			call  func() error
			field string
		}{
			{"no key", charging(charge("", "o", usd(1, 0), visa())), "key"},
			{"key too long", charging(charge(strings.Repeat("k", 201), "o", usd(1, 0), visa())), "key"},
			{"key of a refund", charging(charge("refund:x", "o", usd(1, 0), visa())), "key"},
			{"reference too long", charging(charge("k", strings.Repeat("o", 201), usd(1, 0), visa())), "reference"},
			{"zero amount", charging(charge("k", "o", usd(0, 0), visa())), "amount.units"},
			{"negative amount", charging(charge("k", "o", usd(-1, 0), visa())), "amount.units"},
			{"no currency", charging(charge("k", "o", shared.Money{Units: 1}, visa())), "amount.currency_code"},
			{"bad nanos", charging(charge("k", "o", usd(1, -1), visa())), "amount.nanos"},
			{"no card", charging(charge("k", "o", usd(1, 0), payment.CreditCard{})), "card.number"},
			{"refund without key", refunding(""), "charge_key"},
			{"refund with a long key", refunding(strings.Repeat("k", 201)), "charge_key"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				if err := tc.call(); !errors.Is(err, shared.ErrInvalid) || shared.AsError(err).Field != tc.field {
					t.Errorf("error %v, want Invalid naming %q", err, tc.field)
				}
			})
		}
		if n := ledgerRows(t, p); n != 0 {
			t.Errorf("rejected requests wrote %d ledger rows", n)
		}
	})
}
