package local_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"go.uber.org/fx"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/orders/local"
	"github.com/jubako/jubako/platform/auth"
	"github.com/jubako/jubako/platform/saga"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

var ctx = context.Background()

// shop is the orders module in a process of its own, every participant of
// the checkout stubbed on its bus.
type shop struct {
	*testkit.Process
	stubs *participants
	sagas *saga.Engine
}

func start(t *testing.T, be testkit.Backend) *shop {
	t.Helper()
	return startIn(t, be, orders.ModeOrchestration)
}

// startIn starts the shop with orders.checkout_mode set to mode.
func startIn(t *testing.T, be testkit.Backend, mode string) *shop {
	t.Helper()
	s := &shop{stubs: &participants{}}
	s.Process = testkit.Start(t, be, testkit.Settings{"orders.checkout_mode": mode},
		local.Module, s.stubs.module(), fx.Invoke(func(e *saga.Engine) { s.sagas = e }))
	return s
}

func usd(units int64, nanos int32) shared.Money {
	return shared.Money{CurrencyCode: "USD", Units: units, Nanos: nanos}
}

func eur(units int64, nanos int32) shared.Money {
	return shared.Money{CurrencyCode: "EUR", Units: units, Nanos: nanos}
}

// customer is the Authorization header of the customer id.
func customer(t *testing.T, id string) []string {
	return []string{"Authorization", testkit.Bearer(t, id, auth.RoleCustomer)}
}

// address is where the test orders ship.
var address = map[string]any{"street_address": "1600 Amphitheatre Pkwy", "city": "Mountain View", "state": "CA", "country": "USA", "zip_code": "94043"}

// form is a good checkout body in currency; edit changes it.
func form(currency string, edit func(body, addr, card map[string]any)) map[string]any {
	addr := map[string]any{}
	for k, v := range address {
		addr[k] = v
	}
	card := map[string]any{"number": "4111111111111111", "cvv": 123, "expiration_year": 2039, "expiration_month": 12}
	body := map[string]any{"email": "ada@example.com", "currency": currency, "address": addr, "credit_card": card}
	if edit != nil {
		edit(body, addr, card)
	}
	return body
}

// placed is POST /api/checkout's answer.
type placed struct {
	OrderID string `json:"order_id"`
	Status  string `json:"status"`
}

// checkout places an order and expects it accepted.
func (s *shop) checkout(t *testing.T, body map[string]any, headers ...string) placed {
	t.Helper()
	res := s.Do(t, http.MethodPost, "/api/checkout", body, headers...)
	var p placed
	res.Decode(t, &p)
	if res.Status != http.StatusAccepted || p.OrderID == "" || p.Status != orders.StatusPending {
		t.Fatalf("checkout: %d %s, want 202 with a PENDING order", res.Status, res.Body)
	}
	return p
}

// finished waits for the order's saga to end, and returns the saga and the
// order as its owner (headers) reads it.
func (s *shop) finished(t *testing.T, id string, headers ...string) (saga.Info, orders.Order) {
	t.Helper()
	var info saga.Info
	testkit.Eventually(t, 15*time.Second, func() bool {
		var err error
		info, err = s.sagas.Get(ctx, id)
		return err == nil && (info.Status == saga.StatusCompleted || info.Status == saga.StatusCancelled)
	}, func() string { return "saga " + info.Status + " at " + info.Step + ": " + info.LastError })
	res := s.Do(t, http.MethodGet, "/api/orders/"+id, nil, headers...)
	var o orders.Order
	res.Decode(t, &o)
	if res.Status != http.StatusOK {
		t.Fatalf("GET order: %d %s", res.Status, res.Body)
	}
	return info, o
}

// orderRow is a row of orders_orders, read from the database.
type orderRow struct {
	UserID, IdempotencyKey, Status, Currency, TrackingID, TransactionID, Reason, CheckoutMode string
	ShippingUnits, TotalUnits                                                                 int64
	ShippingNanos, TotalNanos                                                                 int32
}

func (s *shop) row(t *testing.T, id string) orderRow {
	t.Helper()
	var r orderRow
	if err := s.DB.Table("orders_orders").Where("id = ?", id).Take(&r).Error; err != nil {
		t.Fatalf("order %s: %v", id, err)
	}
	return r
}

// count counts the rows of one of orders' tables.
func (s *shop) count(t *testing.T, table string) int64 {
	t.Helper()
	var n int64
	if err := s.DB.Table(table).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// checkouts counts the checkout sagas.
func (s *shop) checkouts(t *testing.T) int {
	t.Helper()
	list, err := s.sagas.List(ctx, saga.Filter{Name: "checkout"})
	if err != nil {
		t.Fatal(err)
	}
	return len(list)
}
