package app

import (
	"context"

	"github.com/jubako/jubako/modules/notification"
	"github.com/jubako/jubako/modules/notification/internal/templates"
)

// SendCancellation serves notification.SendCancellation: the notice that
// an order was cancelled, with the reason, rendered and sent once.
func (s *Service) SendCancellation(ctx context.Context, req notification.CancellationRequest) (notification.SendReply, error) {
	to, err := validateCancellation(req)
	if err != nil {
		return notification.SendReply{}, err
	}
	r, err := templates.Cancellation(req)
	if err != nil {
		return notification.SendReply{}, err
	}
	return s.send(ctx, notification.Mail{
		OrderID: req.OrderID, Kind: notification.KindCancellation, To: to, Subject: r.Subject, Body: r.Body,
	}, nil)
}
