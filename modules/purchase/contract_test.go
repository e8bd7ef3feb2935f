package purchase_test

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/contract"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// examples are the purchase events as their publishers fill them, one per
// topic, registered with a provider of events only: purchase has no
// runtime.
type examples struct {
	provider *contract.Provider
	byTopic  map[string]any
}

func publishes[E any](x *examples, t bus.TopicOf[E], e E) {
	contract.Publishes(x.provider, t, e)
	x.byTopic[t.Info().Name] = e
}

func newExamples() *examples {
	x := &examples{provider: contract.Messages("purchase"), byTopic: map[string]any{}}
	at := time.Date(2026, time.December, 7, 12, 0, 0, 0, time.UTC)
	eur := func(units int64) shared.Money {
		return shared.Money{CurrencyCode: "EUR", Units: units, Nanos: 500_000_000}
	}
	lines := []purchase.Line{{ProductID: "OLJCESPC7Z", Name: "Sunglasses", Quantity: 2, UnitPrice: eur(19), Total: eur(39)}}
	publishes(x, purchase.OrderPlaced, purchase.OrderPlacedEvent{
		OrderID: "order-1", UserID: "ada", Email: "ada@example.com", Currency: "EUR", Lines: lines,
		Shipping: eur(8), Total: eur(48), At: at,
		Address: purchase.Address{StreetAddress: "1600 Amphitheatre Pkwy", City: "Mountain View", State: "CA", Country: "USA", ZipCode: "94043"},
	})
	done := purchase.StepEvent{OrderID: "order-1", At: at}
	failed := purchase.StepEvent{OrderID: "order-1", Reason: "the card ending in 0002 was declined", At: at}
	publishes(x, purchase.StockReserved, done)
	publishes(x, purchase.StockUnavailable, failed)
	publishes(x, purchase.PaymentCharged, purchase.PaymentChargedEvent{OrderID: "order-1", TransactionID: "tx-1", At: at})
	publishes(x, purchase.PaymentFailed, failed)
	publishes(x, purchase.Shipped, purchase.ShippedEvent{OrderID: "order-1", TrackingID: "AB-12345-1234567", At: at})
	publishes(x, purchase.ShippingFailed, failed)
	publishes(x, purchase.PaymentRefunded, failed)
	publishes(x, purchase.StockReleased, failed)
	publishes(x, purchase.StockCommitted, done)
	publishes(x, purchase.OrderCompleted, purchase.OrderCompletedEvent{
		OrderID: "order-1", UserID: "ada", Email: "ada@example.com", Lines: lines,
		Shipping: eur(8), Total: eur(48), TrackingID: "AB-12345-1234567", At: at,
	})
	publishes(x, purchase.CartEmptied, done)
	publishes(x, purchase.ConfirmationSent, done)
	return x
}

func TestContractsOfConsumers(t *testing.T) {
	x := newExamples()
	for _, topic := range bus.New().Registry().Topics {
		if _, ok := x.byTopic[topic.Name]; topic.Module == "purchase" && !ok {
			t.Errorf("no example of %s", topic.Name)
		}
	}
	x.provider.Verify(t)
}

// A purchase event whose field is renamed breaks every consumer that reads
// it, and the failure names the consumer, the message and the field.
func TestRenamedFieldBreaksConsumers(t *testing.T) {
	x := newExamples()
	contracts, err := contract.Load(filepath.Join(testkit.RepoRoot(t), contract.Dir), "purchase")
	if err != nil || len(contracts) == 0 {
		t.Fatalf("contracts naming purchase: %d, %v", len(contracts), err)
	}
	for _, c := range contracts {
		for _, m := range c.Messages {
			event, err := json.Marshal(x.byTopic[m.Topic])
			if err != nil {
				t.Fatal(err)
			}
			renamed := bytes.Replace(event, []byte(`"order_id":`), []byte(`"orderId":`), 1)
			err = c.CheckEvent(m, renamed)
			for _, want := range []string{c.Consumer + " → purchase", `"` + m.Description + `"`, "order_id: missing"} {
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Errorf("%s with order_id renamed: %v, want a failure saying %s", m.Topic, err, want)
				}
			}
		}
	}
	// A field deeper in: the zip code of a placed order, which shipping reads.
	placed, err := json.Marshal(x.byTopic[purchase.OrderPlaced.Info().Name])
	if err != nil {
		t.Fatal(err)
	}
	renamed := bytes.Replace(placed, []byte(`"zip_code":`), []byte(`"zip":`), 1)
	var failures []string
	for _, c := range contracts {
		for _, m := range c.Messages {
			if m.Topic == purchase.OrderPlaced.Info().Name {
				if err := c.CheckEvent(m, renamed); err != nil {
					failures = append(failures, err.Error())
				}
			}
		}
	}
	want := `contract shipping → purchase, message "keeps the address and items of a placed order" (purchase.order_placed.v1): event address.zip_code: missing, want string`
	if !slices.Contains(failures, want) {
		t.Errorf("with zip_code renamed, failures %q; want among them %q", failures, want)
	}
}
