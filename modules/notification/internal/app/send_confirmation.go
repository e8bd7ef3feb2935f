package app

import (
	"context"

	"github.com/jubako/jubako/modules/notification"
	"github.com/jubako/jubako/modules/notification/internal/templates"
)

// SendConfirmation serves notification.SendConfirmation: the order's
// confirmation, rendered and sent once.
func (s *Service) SendConfirmation(ctx context.Context, req notification.ConfirmationRequest) (notification.SendReply, error) {
	m, err := confirmationMail(req)
	if err != nil {
		return notification.SendReply{}, err
	}
	return s.send(ctx, m, nil)
}

// confirmationMail is the confirmation of the order req describes.
func confirmationMail(req notification.ConfirmationRequest) (notification.Mail, error) {
	to, err := validateConfirmation(req)
	if err != nil {
		return notification.Mail{}, err
	}
	r, err := templates.Confirmation(req)
	if err != nil {
		return notification.Mail{}, err
	}
	return notification.Mail{
		OrderID: req.OrderID, Kind: notification.KindConfirmation, To: to, Subject: r.Subject, Body: r.Body,
	}, nil
}
