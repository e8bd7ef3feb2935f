package system

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jubako/jubako/cmd/jubako/internal/linked"
	"github.com/jubako/jubako/modules/inventory"
	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// Products of Online Boutique's catalog, one per case so that stock
// assertions do not interfere.
const (
	sunglasses   = "OLJCESPC7Z"
	tankTop      = "66VCHSJNUP"
	watch        = "1YMWWN1N4O"
	loafers      = "L9ECAV7KIM"
	hairdryer    = "2ZYFJ3GM2N"
	candleHolder = "0PUK6V6EV0"
	mug          = "6E92ZMYYFZ"
)

// shopSettings tune a shop for tests: fast retries, a short checkout
// deadline, and no rate limit (every client calls from one address).
var shopSettings = testkit.Settings{
	"saga.retry_base":          "100ms",
	"saga.retry_max":           "500ms",
	"orders.checkout_deadline": "30s",
	"http.rate_limit.enabled":  false,
}

// topology starts a whole shop on a backend, in one or several processes,
// with settings over shopSettings.
type topology struct {
	name  string
	start func(t *testing.T, be testkit.Backend, settings testkit.Settings) *shop
}

// topologies lists the shapes the suite runs against: the monolith in the
// test's own process, then real processes of real builds — the monolith,
// the monolith without payment plus the payment service, and the monolith
// without payment and shipping plus both services.
func topologies() []topology {
	return []topology{
		{name: "in-process", start: monolith},
		{name: "monolith", start: processes(split{tags: ""})},
		{name: "payment-split", start: processes(split{tags: "split_payment"}, split{tags: "only_payment", module: "payment"})},
		{name: "payment-shipping-split", start: processes(split{tags: "split_payment,split_shipping"},
			split{tags: "only_payment", module: "payment"}, split{tags: "only_shipping", module: "shipping"})},
	}
}

func monolith(t *testing.T, be testkit.Backend, settings testkit.Settings) *shop {
	p := testkit.Start(t, be, with(settings), linked.Modules()...)
	return &shop{url: p.URL, admin: testkit.AdminAuthorization, grpc: p.GRPCAddr}
}

// checkoutModes are the values of orders.checkout_mode: the shop must end
// every checkout the same way in both. TestShop runs every topology in both
// modes on both backends: measured, the choreography subtests took 44 s of
// its 87 s (orchestration 42 s, the rest builds the binaries), against
// ~10 min for the whole suite — too little to run only a subset.
var checkoutModes = []string{orders.ModeOrchestration, orders.ModeChoreography}

// inMode is the setting that checks out in mode.
func inMode(mode string) testkit.Settings { return testkit.Settings{"orders.checkout_mode": mode} }

// TestShop runs the shop's end-to-end suite on every topology, checkout
// mode and backend, with the same assertions in both modes.
func TestShop(t *testing.T) {
	for _, top := range topologies() {
		t.Run(top.name, func(t *testing.T) {
			for _, mode := range checkoutModes {
				t.Run(mode, func(t *testing.T) { shopSuite(t, top, mode) })
			}
		})
	}
}

func shopSuite(t *testing.T, top topology, mode string) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		s := top.start(t, be, inMode(mode))
		t.Run("happy path", func(t *testing.T) { happyPath(t, s, mode) })
		t.Run("declined card", func(t *testing.T) { declinedCard(t, s) })
		t.Run("undeliverable zip is refunded", func(t *testing.T) { undeliverable(t, s) })
		t.Run("out of stock", func(t *testing.T) { outOfStock(t, s) })
		t.Run("last items under concurrency", func(t *testing.T) { lastItems(t, s) })
		t.Run("idempotency key", func(t *testing.T) { idempotencyKey(t, s) })
		t.Run("another customer's order is hidden", func(t *testing.T) { privacy(t, s) })
		t.Run("the API document describes every module", func(t *testing.T) { describesEveryModule(t, s) })
	})
}

func convert(t *testing.T, s *shop, m shared.Money, to string) shared.Money {
	var out shared.Money
	status, data := call(t, http.DefaultClient, http.MethodPost, s.url+"/api/currency/convert", map[string]any{"from": m, "to_code": to})
	decode(t, status, data, http.StatusOK, &out)
	return out
}

func usd(units int64, nanos int32) shared.Money {
	return shared.Money{CurrencyCode: "USD", Units: units, Nanos: nanos}
}

func happyPath(t *testing.T, s *shop, mode string) {
	c := s.customer()
	before := map[string]inventory.Stock{sunglasses: s.stock(t, sunglasses), mug: s.stock(t, mug)}
	c.add(t, sunglasses, 2)
	c.add(t, mug, 1)
	status, id, body := c.checkout(t, form(nil), "")
	if status != http.StatusAccepted || id == "" {
		t.Fatalf("checkout: %d %s", status, body)
	}
	o := c.settled(t, id)
	if o.Status != orders.StatusCompleted {
		t.Fatalf("order %s: %s (%s), want COMPLETED", id, o.Status, o.CancellationReason)
	}
	// The cart is emptied and the mail sent after the order completes.
	wantSteps := "reserve charge ship commit empty_cart confirm"
	testkit.Eventually(t, 30*time.Second, func() bool {
		_, o = c.order(t, id)
		return succeededSteps(o) == wantSteps
	}, func() string { return fmt.Sprintf("steps %q, want %q", succeededSteps(o), wantSteps) })
	if o.CheckoutMode != mode {
		t.Errorf("order checked out in %q, want %q", o.CheckoutMode, mode)
	}
	for _, st := range o.Steps {
		if st.Module == "" || st.Event == "" || st.TraceID == "" {
			t.Errorf("step %s %s names no module, endpoint or event, or trace: %+v", st.Name, st.Phase, st)
		}
	}

	glasses := convert(t, s, usd(19, 990000000), "EUR")
	shipping := convert(t, s, usd(8, 990000000), "EUR")
	mugEUR := convert(t, s, usd(8, 990000000), "EUR")
	want := mustAdd(t, mustTimes(t, glasses, 2), mugEUR, shipping)
	if o.Total != want || o.ShippingCost != shipping || o.Currency != "EUR" {
		t.Errorf("total %v shipping %v, want %v and %v in EUR", o.Total, o.ShippingCost, want, shipping)
	}
	if len(o.Items) != 2 || o.TrackingID == "" || o.TransactionID == "" {
		t.Errorf("items %+v, tracking %q, transaction %q", o.Items, o.TrackingID, o.TransactionID)
	}
	for pid, qty := range map[string]int64{sunglasses: 2, mug: 1} {
		after := s.stock(t, pid)
		if after.OnHand != before[pid].OnHand-qty || after.Sold != before[pid].Sold+qty || after.Reserved != before[pid].Reserved {
			t.Errorf("%s stock %+v → %+v, want %d sold", pid, before[pid], after, qty)
		}
	}
	entries := s.ledger(t, id)
	if len(entries) != 1 || entries[0].Kind != payment.KindCharge || entries[0].Amount != o.Total || entries[0].CardLast4 != "1111" {
		t.Errorf("ledger %+v, want one charge of %v on card …1111", entries, o.Total)
	}
	if ships := s.shipments(t, id); len(ships) != 1 || ships[0].TrackingID != o.TrackingID || ships[0].Status != "SHIPPED" {
		t.Errorf("shipments %+v, want one SHIPPED %s", ships, o.TrackingID)
	}
	if items := c.cart(t).Items; len(items) != 0 {
		t.Errorf("cart after checkout: %+v, want empty", items)
	}
	mails := s.mails(t, id)
	if len(mails) != 1 || mails[0].Kind != "confirmation" || mails[0].To != "ada@example.com" || !strings.Contains(mails[0].Body, o.TrackingID) {
		t.Errorf("mails %+v, want one confirmation with the tracking id", mails)
	}
}

func declinedCard(t *testing.T, s *shop) {
	c := s.customer()
	before := s.stock(t, tankTop)
	c.add(t, tankTop, 1)
	_, id, body := c.checkout(t, form(withCard(payment.DeclinedCard)), "")
	if id == "" {
		t.Fatalf("checkout: %s", body)
	}
	o := c.settled(t, id)
	if o.Status != orders.StatusCancelled || !strings.Contains(o.CancellationReason, "declined") {
		t.Errorf("order %s (%q), want CANCELLED because the card was declined", o.Status, o.CancellationReason)
	}
	if got := compensatedSteps(o); got != "reserve" {
		t.Errorf("steps compensated: %q, want the reservation", got)
	}
	if after := s.stock(t, tankTop); after != before {
		t.Errorf("stock %+v → %+v, want it restored", before, after)
	}
	if e := s.ledger(t, id); len(e) != 0 {
		t.Errorf("ledger %+v, want no charge", e)
	}
	if ships := s.shipments(t, id); len(ships) != 0 {
		t.Errorf("shipments %+v, want none", ships)
	}
	if items := c.cart(t).Items; len(items) != 1 || items[0].ProductID != tankTop {
		t.Errorf("cart %+v, want it kept", items)
	}
	waitMail(t, s, id, "cancellation")
}

func undeliverable(t *testing.T, s *shop) {
	c := s.customer()
	before := s.stock(t, watch)
	c.add(t, watch, 1)
	_, id, body := c.checkout(t, form(withZip("99999")), "")
	if id == "" {
		t.Fatalf("checkout: %s", body)
	}
	o := c.settled(t, id)
	if o.Status != orders.StatusCancelled || !strings.Contains(o.CancellationReason, "undeliverable") {
		t.Errorf("order %s (%q), want CANCELLED as undeliverable", o.Status, o.CancellationReason)
	}
	entries := s.ledger(t, id)
	if len(entries) != 2 || entries[0].Kind != payment.KindCharge || entries[1].Kind != payment.KindRefund {
		t.Fatalf("ledger %+v, want a charge and its refund", entries)
	}
	if net, _ := entries[0].Amount.Add(entries[1].Amount); net.Units != 0 || net.Nanos != 0 {
		t.Errorf("ledger nets to %v, want 0", net)
	}
	if got := compensatedSteps(o); got != "charge reserve" {
		t.Errorf("steps compensated: %q, want the charge, then the reservation", got)
	}
	if after := s.stock(t, watch); after != before {
		t.Errorf("stock %+v → %+v, want it restored", before, after)
	}
	waitMail(t, s, id, "cancellation")
}

func outOfStock(t *testing.T, s *shop) {
	s.setStock(t, loafers, 1)
	c := s.customer()
	c.add(t, loafers, 2)
	_, id, body := c.checkout(t, form(nil), "")
	if id == "" {
		t.Fatalf("checkout: %s", body)
	}
	o := c.settled(t, id)
	if o.Status != orders.StatusCancelled || !strings.Contains(o.CancellationReason, "stock") {
		t.Errorf("order %s (%q), want CANCELLED out of stock", o.Status, o.CancellationReason)
	}
	if got := succeededSteps(o); got != "" {
		t.Errorf("steps that succeeded: %q, want none (cancelled before any charge)", got)
	}
	if e := s.ledger(t, id); len(e) != 0 {
		t.Errorf("ledger %+v, want no charge", e)
	}
	if st := s.stock(t, loafers); st.OnHand != 1 || st.Reserved != 0 {
		t.Errorf("stock %+v, want 1 on hand", st)
	}
}

func lastItems(t *testing.T, s *shop) {
	const stock, buyers = 5, 20
	s.setStock(t, hairdryer, stock)
	before := s.stock(t, hairdryer)
	ids := make([]string, buyers)
	customers := make([]*customer, buyers)
	var wg sync.WaitGroup
	for i := range buyers {
		c := s.customer()
		c.add(t, hairdryer, 1)
		customers[i] = c
		wg.Go(func() {
			status, id, body := c.checkout(t, form(nil), "")
			if status != http.StatusAccepted {
				t.Errorf("checkout %d: %d %s", i, status, body)
			}
			ids[i] = id
		})
	}
	wg.Wait()
	completed := 0
	for i, id := range ids {
		if id != "" && customers[i].settled(t, id).Status == orders.StatusCompleted {
			completed++
		}
	}
	if completed != stock {
		t.Errorf("%d of %d checkouts completed with %d in stock, want exactly %d", completed, buyers, stock, stock)
	}
	after := s.stock(t, hairdryer)
	if after.OnHand != 0 || after.Reserved != 0 || after.Sold != before.Sold+stock {
		t.Errorf("stock %+v → %+v, want all %d sold", before, after, stock)
	}
}

func idempotencyKey(t *testing.T, s *shop) {
	c := s.customer()
	c.add(t, candleHolder, 1)
	key := "checkout-" + shared.NewID()
	ids := make(chan string, 10)
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			status, id, body := c.checkout(t, form(nil), key)
			if status != http.StatusAccepted {
				t.Errorf("checkout: %d %s", status, body)
			}
			ids <- id
		})
	}
	wg.Wait()
	close(ids)
	first := ""
	for id := range ids {
		if first == "" {
			first = id
		}
		if id != first {
			t.Fatalf("the same Idempotency-Key gave orders %s and %s", first, id)
		}
	}
	if o := c.settled(t, first); o.Status != orders.StatusCompleted {
		t.Fatalf("order %s (%s)", o.Status, o.CancellationReason)
	}
	if e := s.ledger(t, first); len(e) != 1 {
		t.Errorf("ledger %+v, want exactly one charge", e)
	}
	if list := c.orders(t); len(list) != 1 {
		t.Errorf("the customer has %d orders, want 1", len(list))
	}
}

func privacy(t *testing.T, s *shop) {
	owner, other := s.customer(), s.customer()
	owner.add(t, mug, 1)
	_, id, _ := owner.checkout(t, form(nil), "")
	if status, _ := owner.order(t, id); status != http.StatusOK {
		t.Fatalf("owner reading their order: %d", status)
	}
	if status, _ := other.order(t, id); status != http.StatusNotFound {
		t.Errorf("another customer reading the order: %d, want 404", status)
	}
	owner.settled(t, id)
}

func waitMail(t *testing.T, s *shop, orderID, kind string) {
	t.Helper()
	testkit.Eventually(t, 30*time.Second, func() bool {
		mails := s.mails(t, orderID)
		return len(mails) == 1 && mails[0].Kind == kind
	}, func() string { return fmt.Sprintf("no single %s mail for %s: %+v", kind, orderID, s.mails(t, orderID)) })
}

func succeededSteps(o orders.Order) string { return stepsThat(o, "forward", "succeeded") }

func compensatedSteps(o orders.Order) string { return stepsThat(o, "compensate", "compensated") }

// stepsThat names the steps of o's timeline in phase with status, in order.
func stepsThat(o orders.Order, phase, status string) string {
	var names []string
	for _, st := range o.Steps {
		if st.Phase == phase && st.Status == status {
			names = append(names, st.Name)
		}
	}
	return strings.Join(names, " ")
}

func mustTimes(t *testing.T, m shared.Money, n int64) shared.Money {
	out, err := m.Times(n)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func mustAdd(t *testing.T, ms ...shared.Money) shared.Money {
	sum := shared.Zero(ms[0].CurrencyCode)
	for _, m := range ms {
		var err error
		if sum, err = sum.Add(m); err != nil {
			t.Fatal(err)
		}
	}
	return sum
}
