package purchase_test

import (
	"testing"
	"time"

	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/platform/contract"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// TestContractsOfConsumers checks what each participant reads of the
// choreographed checkout's events against an example of each event type,
// the types every publisher writes.
func TestContractsOfConsumers(t *testing.T) {
	v := contract.NewProvider("purchase", testkit.Start(t, testkit.SQLite(t), contract.Settings()))
	at := time.Date(2026, 12, 7, 14, 0, 0, 0, time.UTC)
	eur := func(units int64) shared.Money { return shared.Money{CurrencyCode: "EUR", Units: units} }
	lines := []purchase.Line{{ProductID: "OLJCESPC7Z", Name: "Sunglasses", Quantity: 2, UnitPrice: eur(20), Total: eur(40)}}
	contract.Publishes(v, purchase.OrderPlaced, purchase.OrderPlacedEvent{
		OrderID: "o1", UserID: "u1", Email: "ada@example.com", Currency: "EUR", Lines: lines, Shipping: eur(5), Total: eur(45), At: at,
		Address: purchase.Address{StreetAddress: "1600 Amphitheatre Pkwy", City: "Mountain View", State: "CA", Country: "USA", ZipCode: "94043"},
	})
	done := purchase.StepEvent{OrderID: "o1", At: at}
	failed := purchase.StepEvent{OrderID: "o1", Reason: "card declined", At: at}
	contract.Publishes(v, purchase.StockReserved, done)
	contract.Publishes(v, purchase.StockUnavailable, failed)
	contract.Publishes(v, purchase.PaymentCharged, purchase.PaymentChargedEvent{OrderID: "o1", TransactionID: "TX-1", At: at})
	contract.Publishes(v, purchase.PaymentFailed, failed)
	contract.Publishes(v, purchase.Shipped, purchase.ShippedEvent{OrderID: "o1", TrackingID: "TRACK-1", At: at})
	contract.Publishes(v, purchase.ShippingFailed, failed)
	contract.Publishes(v, purchase.PaymentRefunded, failed)
	contract.Publishes(v, purchase.StockReleased, failed)
	contract.Publishes(v, purchase.StockCommitted, done)
	contract.Publishes(v, purchase.OrderCompleted, purchase.OrderCompletedEvent{
		OrderID: "o1", UserID: "u1", Email: "ada@example.com", Lines: lines, Shipping: eur(5), Total: eur(45), TrackingID: "TRACK-1", At: at,
	})
	contract.Publishes(v, purchase.CartEmptied, done)
	contract.Publishes(v, purchase.ConfirmationSent, done)
	v.Verify(t)
}
