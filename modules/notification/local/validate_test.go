package local_test

import (
	"context"
	"strings"
	"testing"

	"github.com/jubako/jubako/modules/notification"
	"github.com/jubako/jubako/platform/testkit"
)

func TestSendRejectsBadInput(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be, nil)
		for _, tc := range []struct {
			name  string
			edit  func(*notification.ConfirmationRequest)
			field string
		}{
			{"no order id", func(r *notification.ConfirmationRequest) { r.OrderID = " " }, "order_id"},
			{"order id with a newline", func(r *notification.ConfirmationRequest) { r.OrderID = "bad\r\nBcc: x@y.z" }, "order_id"},
			{"no email", func(r *notification.ConfirmationRequest) { r.Email = "" }, "email"},
			{"not an email", func(r *notification.ConfirmationRequest) { r.Email = "ann at example" }, "email"},
			{"email with a header", func(r *notification.ConfirmationRequest) { r.Email = "ann@example.com\r\nBcc: x@y.z" }, "email"},
			{"no lines", func(r *notification.ConfirmationRequest) { r.Lines = nil }, "lines"},
			{"line without a name", func(r *notification.ConfirmationRequest) { r.Lines[1].Name = "" }, "lines[1].name"},
			{"zero quantity", func(r *notification.ConfirmationRequest) { r.Lines[0].Quantity = 0 }, "lines[0].quantity"},
			{"bad price", func(r *notification.ConfirmationRequest) { r.Lines[1].Price.Nanos = 1_000_000_000 }, "lines[1].price.nanos"},
			{"no total", func(r *notification.ConfirmationRequest) { r.Total.CurrencyCode = "" }, "total.currency_code"},
			{"bad shipping", func(r *notification.ConfirmationRequest) { r.Shipping.Nanos = -1 }, "shipping.nanos"},
			{"long tracking id", func(r *notification.ConfirmationRequest) { r.TrackingID = strings.Repeat("T", 201) }, "tracking_id"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				req := confirmation("o-bad")
				tc.edit(&req)
				_, err := notification.SendConfirmation.Call(context.Background(), p.Bus, req)
				testkit.WantInvalid(t, err, tc.field)
			})
		}
		for _, tc := range []struct {
			name  string
			req   notification.CancellationRequest
			field string
		}{
			{"cancellation without order", notification.CancellationRequest{Email: "ann@example.com"}, "order_id"},
			{"cancellation to no one", notification.CancellationRequest{OrderID: "o-bad"}, "email"},
			{"long reason", notification.CancellationRequest{OrderID: "o-bad", Email: "a@b.c", Reason: strings.Repeat("r", 1001)}, "reason"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := notification.SendCancellation.Call(context.Background(), p.Bus, tc.req)
				testkit.WantInvalid(t, err, tc.field)
			})
		}
		if got := mails(t, p, "o-bad"); len(got) != 0 {
			t.Errorf("bad requests stored %d mails, want 0", len(got))
		}
		_, err := notification.Mails.Call(context.Background(), p.Bus, notification.MailsRequest{})
		testkit.WantInvalid(t, err, "order_id")
	})
}
