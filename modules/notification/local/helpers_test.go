package local_test

import (
	"context"
	"testing"

	"go.uber.org/fx"

	"github.com/jubako/jubako/modules/notification"
	"github.com/jubako/jubako/modules/notification/local"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

var admin = []string{"Authorization", testkit.AdminAuthorization}

func start(t *testing.T, be testkit.Backend, settings testkit.Settings, extra ...fx.Option) *testkit.Process {
	t.Helper()
	return testkit.Start(t, be, settings, append(extra, local.Module)...)
}

func usd(units int64, nanos int32) shared.Money {
	return shared.Money{CurrencyCode: "USD", Units: units, Nanos: nanos}
}

// confirmation is a valid request: two sunglasses, a tank top, shipping.
func confirmation(orderID string) notification.ConfirmationRequest {
	return notification.ConfirmationRequest{
		OrderID: orderID, Email: "ann@example.com",
		Lines: []notification.OrderLine{
			{ProductID: "OLJCESPC7Z", Name: "Sunglasses", Quantity: 2, Price: usd(19, 990_000_000)},
			{ProductID: "66VCHSJNUP", Name: "Tank Top", Quantity: 1, Price: usd(18, 990_000_000)},
		},
		Shipping: usd(8, 990_000_000), Total: usd(67, 960_000_000), TrackingID: "AB-12345-1234567",
	}
}

func confirm(t *testing.T, p *testkit.Process, req notification.ConfirmationRequest) string {
	t.Helper()
	rep, err := notification.SendConfirmation.Call(context.Background(), p.Bus, req)
	if err != nil {
		t.Fatalf("SendConfirmation(%s): %v", req.OrderID, err)
	}
	if rep.MailID == "" {
		t.Fatalf("SendConfirmation(%s) gave no mail id", req.OrderID)
	}
	return rep.MailID
}

func mails(t *testing.T, p *testkit.Process, orderID string) []notification.Mail {
	t.Helper()
	rep, err := notification.Mails.Call(context.Background(), p.Bus, notification.MailsRequest{OrderID: orderID})
	if err != nil {
		t.Fatalf("Mails(%s): %v", orderID, err)
	}
	return rep.Mails
}
