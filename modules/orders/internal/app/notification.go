package app

import (
	"context"
	"time"

	"github.com/jubako/jubako/modules/notification"
	"github.com/jubako/jubako/modules/orders"
)

// This file is orders' one place for the notification module: the mails
// sent about an order, and the mails an operator reads.

// Mail is a mail sent about an order, as the console shows it.
type Mail struct {
	Kind, To, Subject, Body string
	SentAt                  time.Time
}

// confirm is the checkout step that mails the confirmation, once per order.
func (s *Service) confirm(ctx context.Context, st *checkoutState, _ string) error {
	lines := make([]notification.OrderLine, len(st.Lines))
	for i, l := range st.Lines {
		lines[i] = notification.OrderLine{ProductID: l.ProductID, Name: l.Name, Quantity: l.Quantity, Price: l.Total}
	}
	_, err := notification.SendConfirmation.Call(ctx, s.bus, notification.ConfirmationRequest{
		OrderID: st.OrderID, Email: st.Email, Lines: lines, Shipping: st.Shipping, Total: st.Total, TrackingID: st.TrackingID,
	})
	return err
}

// SendCancellationMail mails the customer of a cancelled order, once.
func (s *Service) SendCancellationMail(ctx context.Context, e orders.OrderCancelledEvent) error {
	_, err := notification.SendCancellation.Call(ctx, s.bus, notification.CancellationRequest{OrderID: e.OrderID, Email: e.Email, Reason: e.Reason})
	return err
}

// mailsAbout lists the mails sent about the order id, oldest first.
func (s *Service) mailsAbout(ctx context.Context, id string) ([]Mail, error) {
	reply, err := notification.Mails.Call(ctx, s.bus, notification.MailsRequest{OrderID: id})
	if err != nil {
		return nil, err
	}
	mails := make([]Mail, len(reply.Mails))
	for i, m := range reply.Mails {
		mails[i] = Mail{Kind: m.Kind, To: m.To, Subject: m.Subject, Body: m.Body, SentAt: m.SentAt}
	}
	return mails, nil
}
