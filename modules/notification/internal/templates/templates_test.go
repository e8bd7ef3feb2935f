package templates_test

import (
	"strings"
	"testing"

	"github.com/jubako/jubako/modules/notification"
	"github.com/jubako/jubako/modules/notification/internal/templates"
	"github.com/jubako/jubako/shared"
)

func usd(units int64, nanos int32) shared.Money {
	return shared.Money{CurrencyCode: "USD", Units: units, Nanos: nanos}
}

func TestConfirmationLayout(t *testing.T) {
	got, err := templates.Confirmation(notification.ConfirmationRequest{
		OrderID: "o-1", Email: "ann@example.com",
		Lines: []notification.OrderLine{
			{ProductID: "OLJCESPC7Z", Name: "Sunglasses", Quantity: 2, Price: usd(19, 990_000_000)},
			{ProductID: "66VCHSJNUP", Name: "Tank Top", Quantity: 1, Price: usd(18, 990_000_000)},
		},
		Shipping: usd(8, 990_000_000), Total: usd(67, 960_000_000), TrackingID: "AB-12345-1234567",
	})
	if err != nil {
		t.Fatal(err)
	}
	want := `Hello,

Thank you for shopping with us. Your order o-1 is confirmed.

  Sunglasses × 2    USD 19.99
  Tank Top × 1    USD 18.99

Shipping: USD 8.99
Total:    USD 67.96

Your parcel is on its way. Tracking id: AB-12345-1234567

— The jubako shop
`
	if got.Subject != "Your order o-1 is confirmed" || got.Body != want {
		t.Errorf("subject %q, body:\n%s\nwant body:\n%s", got.Subject, got.Body, want)
	}
}

func TestCancellationReason(t *testing.T) {
	for _, tc := range []struct{ reason, want string }{
		{"card declined", "Reason: card declined\n"},
		{"", "Reason: no reason was given\n"},
	} {
		got, err := templates.Cancellation(notification.CancellationRequest{OrderID: "o-2", Email: "a@b.c", Reason: tc.reason})
		if err != nil {
			t.Fatal(err)
		}
		if got.Subject != "Your order o-2 was cancelled" || !strings.Contains(got.Body, tc.want) {
			t.Errorf("reason %q: subject %q, body:\n%s", tc.reason, got.Subject, got.Body)
		}
	}
}
