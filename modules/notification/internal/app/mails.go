package app

import (
	"context"

	"github.com/jubako/jubako/modules/notification"
)

// Mails serves notification.Mails: the mails of one order, oldest first.
func (s *Service) Mails(ctx context.Context, req notification.MailsRequest) (notification.MailsReply, error) {
	if err := text("order_id", req.OrderID, maxText, true); err != nil {
		return notification.MailsReply{}, err
	}
	mails, err := s.mails.ByOrder(ctx, req.OrderID)
	return notification.MailsReply{Mails: mails}, err
}
