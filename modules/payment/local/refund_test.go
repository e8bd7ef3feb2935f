package local_test

import (
	"fmt"
	"math/big"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/platform/testkit"
)

func TestRefundOnceAndLedgerNetsToZero(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be)
		c, err := payment.Charge.Call(ctx, p.Bus, charge("saga-3:charge", "order-3", usd(36, 450_000_000), visa()))
		if err != nil {
			t.Fatal(err)
		}
		replies := make([]payment.RefundReply, 5)
		var wg sync.WaitGroup
		for i := range 5 {
			wg.Go(func() {
				var err error
				if replies[i], err = payment.Refund.Call(ctx, p.Bus, payment.RefundRequest{ChargeKey: "saga-3:charge"}); err != nil {
					t.Errorf("refund %d: %v", i, err)
				}
			})
		}
		wg.Wait()
		for i, r := range replies {
			if !r.Refunded || r.RefundID == "" || r != replies[0] {
				t.Errorf("refund %d = %+v, refund 0 = %+v; want one refund", i, r, replies[0])
			}
		}
		entries := ledger(t, p, "order-3")
		if len(entries) != 2 || entries[0].Kind != payment.KindCharge || entries[1].Kind != payment.KindRefund {
			t.Fatalf("ledger of order-3 = %+v, want the charge then one refund", entries)
		}
		if entries[0].TransactionID != c.TransactionID || entries[1].TransactionID != replies[0].RefundID {
			t.Errorf("ledger transactions %s, %s; want charge %s, refund %s",
				entries[0].TransactionID, entries[1].TransactionID, c.TransactionID, replies[0].RefundID)
		}
		net := new(big.Rat)
		for _, e := range entries {
			net.Add(net, e.Amount.Rat())
			if e.CardType != "VISA" || e.CardLast4 != "1111" || e.Amount.CurrencyCode != "USD" || e.CreatedAt.IsZero() {
				t.Errorf("entry %+v", e)
			}
		}
		if net.Sign() != 0 {
			t.Errorf("ledger of order-3 nets to %s, want 0", net.FloatString(9))
		}
	})
}

func TestLedgerRouteIsAdminOnly(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be)
		if _, err := payment.Charge.Call(ctx, p.Bus, charge("k", "order 4", usd(3, 0), visa())); err != nil {
			t.Fatal(err)
		}
		path := "/api/payment/ledger?reference=order+4"
		if res := p.Do(t, http.MethodGet, path, nil); res.Status != http.StatusUnauthorized {
			t.Errorf("without token: %d, want 401", res.Status)
		}
		if res := p.Do(t, http.MethodGet, path, nil, "Authorization", testkit.CustomerAuthorization); res.Status != http.StatusForbidden {
			t.Errorf("as a customer: %d, want 403", res.Status)
		}
		auth := []string{"Authorization", testkit.AdminAuthorization}
		var reply payment.LedgerReply
		res := p.Do(t, http.MethodGet, path, nil, auth...)
		res.Decode(t, &reply)
		if res.Status != http.StatusOK || len(reply.Entries) != 1 || reply.Entries[0].Amount != usd(3, 0) || reply.Entries[0].Reference != "order 4" {
			t.Errorf("as admin: %d %+v", res.Status, reply)
		}
		res = p.Do(t, http.MethodGet, "/api/payment/ledger?reference=other", nil, auth...)
		if res.Status != http.StatusOK || !strings.Contains(string(res.Body), `"entries":[]`) {
			t.Errorf("unknown reference: %d %s, want 200 with an empty list", res.Status, res.Body)
		}
		for _, q := range []string{"", "?reference=", "?reference=" + strings.Repeat("r", 201)} {
			res := p.Do(t, http.MethodGet, "/api/payment/ledger"+q, nil, auth...)
			if e := res.Err(t); res.Status != http.StatusBadRequest || e.Error.Field != "reference" {
				t.Errorf("ledger%s: %d %+v, want 400 naming reference", q, res.Status, e.Error)
			}
		}
	})
}

// Whatever a charge or refund writes, no column holds more of the card
// number than its last four digits.
func TestFullCardNumberIsNeverStored(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be)
		cards := map[string]string{"visa": "4111 1111 1111 1111", "master": "5555-5555-5555-4444"}
		for name, number := range cards {
			c := visa()
			c.Number = number
			if _, err := payment.Charge.Call(ctx, p.Bus, charge(name, "order-5", usd(9, 0), c)); err != nil {
				t.Fatal(err)
			}
			if _, err := payment.Refund.Call(ctx, p.Bus, payment.RefundRequest{ChargeKey: name}); err != nil {
				t.Fatal(err)
			}
		}
		var rows []map[string]any
		if err := p.DB.Table("payment_ledger").Find(&rows).Error; err != nil {
			t.Fatal(err)
		}
		if len(rows) != 4 {
			t.Fatalf("%d ledger rows, want 4", len(rows))
		}
		for _, number := range cards {
			digits := strings.NewReplacer(" ", "", "-", "").Replace(number)
			for _, row := range rows {
				for col, v := range row {
					if s := fmt.Sprint(v); strings.Contains(s, digits[:12]) || strings.Contains(s, number[:14]) {
						t.Errorf("column %s holds %q, more than the last four digits of %s", col, s, number)
					}
				}
			}
		}
	})
}
