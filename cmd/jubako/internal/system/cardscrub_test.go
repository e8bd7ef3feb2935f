package system

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jubako/jubako/cmd/jubako/internal/linked"
	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/saga"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// scrubCVV appears nowhere else in the shop's data; the state stores it as
// a JSON number.
const scrubCVV = 918

// TestCardDataIsGoneOnceTheOrderIsTerminal checks the README's promise: the
// card number (and CVV) lives in the checkout saga (orchestration) or in
// payment's hold (choreography) only until the charge or the cancellation,
// and payment keeps only the last four digits. Every row of every table —
// jubako_sagas, payment_holds, jubako_outbox, payment_ledger among them —
// is read once the order is terminal and again once its checkout has
// finished, in both checkout modes.
func TestCardDataIsGoneOnceTheOrderIsTerminal(t *testing.T) {
	for _, mode := range checkoutModes {
		t.Run(mode, func(t *testing.T) {
			testkit.Each(t, func(t *testing.T, be testkit.Backend) {
				p := testkit.Start(t, be, with(inMode(mode)), linked.Modules()...)
				s := &shop{url: p.URL, admin: testkit.AdminAuthorization}
				for _, tc := range []struct {
					name, card, status, last4 string
					// racers place the order at once with one key: in
					// choreography each holds the card before one wins.
					racers int
				}{
					{name: "completed", card: "4111111111111111", status: orders.StatusCompleted, last4: "1111", racers: 1},
					{name: "declined", card: payment.DeclinedCard, status: orders.StatusCancelled, racers: 1},
					{name: "one key placed five times at once", card: "5555555555554444", status: orders.StatusCompleted, last4: "4444", racers: 5},
				} {
					t.Run(tc.name, func(t *testing.T) {
						c := s.customer()
						c.add(t, mug, 1)
						key := "scrub-" + shared.NewID()
						ids := make([]string, tc.racers)
						var wg sync.WaitGroup
						for i := range ids {
							wg.Go(func() {
								_, ids[i], _ = c.checkout(t, form(func(f map[string]any) {
									withCard(tc.card)(f)
									f["credit_card"].(map[string]any)["cvv"] = scrubCVV
								}), key)
							})
						}
						wg.Wait()
						id := ids[0]
						if id == "" || slices.ContainsFunc(ids, func(other string) bool { return other != id }) {
							t.Fatalf("checkouts with one key answered orders %q, want one", ids)
						}
						if o := c.settled(t, id); o.Status != tc.status {
							t.Fatalf("order %s (%q), want %s", o.Status, o.CancellationReason, tc.status)
						}
						secrets := []string{tc.card, fmt.Sprintf(`"cvv":%d`, scrubCVV)}
						assertNoCardData(t, p.DB, id, mode, secrets, tc.last4)
						waitCheckoutFinished(t, s, c, id)
						assertNoCardData(t, p.DB, id, mode, secrets, tc.last4)
					})
				}
			})
		})
	}
}

// assertNoCardData reads every table and fails on any cell holding a
// secret. So that it cannot pass by reading nothing, the order's saga row
// must be found with its card emptied (orchestration), or no saga row and
// no hold be left for it (choreography), and a charged card's last four
// digits must be in the ledger.
func assertNoCardData(t *testing.T, d *db.DB, orderID, mode string, secrets []string, last4 string) {
	t.Helper()
	tables, err := d.Migrator().GetTables()
	if err != nil {
		t.Fatal(err)
	}
	for _, must := range []string{"jubako_sagas", "payment_holds", "jubako_outbox", "payment_ledger"} {
		if !slices.Contains(tables, must) {
			t.Fatalf("table %s not found among %v", must, tables)
		}
	}
	for _, table := range tables {
		var rows []map[string]any
		if err := d.Table(table).Find(&rows).Error; err != nil {
			t.Fatalf("read %s: %v", table, err)
		}
		for _, row := range rows {
			for column, value := range row {
				cell := cellText(value)
				for _, secret := range secrets {
					if strings.Contains(cell, secret) {
						t.Errorf("%s.%s (row %v) holds %s: %.300s", table, column, row["id"], secret, cell)
					}
				}
			}
		}
	}
	var states []string
	if err := d.Raw("SELECT state FROM jubako_sagas WHERE id = ?", orderID).Scan(&states).Error; err != nil {
		t.Fatal(err)
	}
	switch mode {
	case orders.ModeOrchestration:
		if len(states) != 1 || !strings.Contains(states[0], `"order_id":"`+orderID+`"`) || !strings.Contains(states[0], `"card":{"number":"","cvv":0`) {
			t.Errorf("the saga's state %q lacks the order id or an emptied card", states)
		}
	case orders.ModeChoreography:
		if len(states) != 0 {
			t.Errorf("a choreographed order has a saga: %q", states)
		}
		if n := scalar(t, d, "SELECT COUNT(*) FROM payment_holds WHERE reference = ?", orderID); n != 0 {
			t.Errorf("%d card holds left for the order, want none", n)
		}
	}
	var cards []string
	if err := d.Raw("SELECT card_last4 FROM payment_ledger WHERE reference = ?", orderID).Scan(&cards).Error; err != nil {
		t.Fatal(err)
	}
	var want []string
	if last4 != "" {
		want = []string{last4}
	}
	if !slices.Equal(cards, want) {
		t.Errorf("ledger cards %q, want last four %q", cards, last4)
	}
}

func cellText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case []byte:
		return string(v)
	case string:
		return v
	default:
		return fmt.Sprint(v)
	}
}

// waitCheckoutFinished waits until the order's checkout has run its last
// step (after the pivot: emptied the cart, mailed the customer): its saga
// has ended or, choreographed, its timeline shows those steps or the
// cancellation.
func waitCheckoutFinished(t *testing.T, s *shop, c *customer, id string) {
	t.Helper()
	if _, o := c.order(t, id); o.CheckoutMode == orders.ModeChoreography {
		testkit.Eventually(t, 30*time.Second, func() bool {
			_, o = c.order(t, id)
			return o.Status == orders.StatusCancelled || strings.HasSuffix(succeededSteps(o), "empty_cart confirm")
		}, func() string { return fmt.Sprintf("order %s is still %s after %q", id, o.Status, succeededSteps(o)) })
		return
	}
	var info saga.Info
	testkit.Eventually(t, 30*time.Second, func() bool {
		status, data := call(t, http.DefaultClient, http.MethodGet, s.url+"/api/admin/sagas/"+id, nil, "Authorization", s.admin)
		decode(t, status, data, http.StatusOK, &info)
		return info.Status == saga.StatusCompleted || info.Status == saga.StatusCancelled
	}, func() string { return fmt.Sprintf("saga %s is still %s (%s)", id, info.Status, info.LastError) })
}
