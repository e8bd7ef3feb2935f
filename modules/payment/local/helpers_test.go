package local_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"go.uber.org/fx"

	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/modules/payment/local"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

var ctx = context.Background()

func start(t *testing.T, be testkit.Backend) *testkit.Process {
	t.Helper()
	return startWith(t, be, nil)
}

// startWith runs payment with settings and the extra options.
func startWith(t *testing.T, be testkit.Backend, settings testkit.Settings, extra ...fx.Option) *testkit.Process {
	t.Helper()
	return testkit.Start(t, be, settings, append(extra, local.Module)...)
}

func usd(units int64, nanos int32) shared.Money {
	return shared.Money{CurrencyCode: "USD", Units: units, Nanos: nanos}
}

// monthFromNow is the UTC year and month n months from now.
func monthFromNow(n int) (int32, int32) {
	y, m, _ := time.Now().UTC().Date()
	total := y*12 + int(m) - 1 + n
	return int32(total / 12), int32(total%12 + 1)
}

// visa is a good card, valid for another two years.
func visa() payment.CreditCard {
	y, m := monthFromNow(24)
	return payment.CreditCard{Number: "4111111111111111", CVV: 123, ExpirationYear: y, ExpirationMonth: m}
}

func charge(key, reference string, amount shared.Money, card payment.CreditCard) payment.ChargeRequest {
	return payment.ChargeRequest{Key: key, Reference: reference, Amount: amount, Card: card}
}

// ledgerRows counts the rows of payment_ledger.
func ledgerRows(t *testing.T, p *testkit.Process) int64 {
	t.Helper()
	var n int64
	if err := p.DB.Table("payment_ledger").Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func ledger(t *testing.T, p *testkit.Process, reference string) []payment.Entry {
	t.Helper()
	reply, err := payment.Ledger.Call(ctx, p.Bus, payment.LedgerRequest{Reference: reference})
	if err != nil {
		t.Fatalf("Ledger(%s): %v", reference, err)
	}
	return reply.Entries
}

// expectErr fails t unless err matches target.
func expectErr(t *testing.T, what string, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("%s: error %v, want %v", what, err, target)
	}
}
