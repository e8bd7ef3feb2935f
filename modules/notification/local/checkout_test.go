package local_test

import (
	"strings"
	"testing"
	"time"

	"github.com/jubako/jubako/modules/notification"
	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/platform/testkit"
)

func TestCompletedOrderIsConfirmedOnce(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		server := startSMTP(t)
		sent, collect := testkit.Collect(purchase.ConfirmationSent)
		p := start(t, be, testkit.Settings{"notification.smtp.host": "127.0.0.1", "notification.smtp.port": server.port()}, collect)
		testkit.Publish(t, p, purchase.OrderCompleted, purchase.OrderCompletedEvent{
			OrderID: "o-1", UserID: "ann", Email: "ann@example.com", TrackingID: "AB-12345-1234567",
			Lines:    []purchase.Line{{ProductID: "OLJCESPC7Z", Name: "Sunglasses", Quantity: 2, UnitPrice: usd(19, 990_000_000), Total: usd(39, 980_000_000)}},
			Shipping: usd(8, 990_000_000), Total: usd(48, 970_000_000), At: time.Now(),
		})
		of := func(e purchase.StepEvent) bool { return e.OrderID == "o-1" }
		sent.Await(t, of)
		m := mails(t, p, "o-1")
		if len(m) != 1 || m[0].Kind != notification.KindConfirmation || m[0].To != "ann@example.com" ||
			!strings.Contains(m[0].Body, "AB-12345-1234567") || !strings.Contains(m[0].Body, "Sunglasses × 2") {
			t.Fatalf("mails %+v, want the confirmation with its tracking id and sunglasses", m)
		}

		testkit.Redeliver(t, p, purchase.OrderCompleted.Info().Name, "notification")
		if got := server.received(); len(got) != 1 {
			t.Errorf("the server received %d messages after the completion came twice, want 1", len(got))
		}
		if n := len(testkit.Published(t, p, purchase.ConfirmationSent, of)); n != 1 {
			t.Errorf("ConfirmationSent %d times, want once", n)
		}
	})
}
