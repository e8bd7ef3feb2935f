package app

import (
	"context"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/notification"
	"github.com/jubako/jubako/modules/notification/internal/sender"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/shared"
)

// send delivers m once per order and kind. In one transaction it records
// m under the key kind:order_id and, only if this call created the record,
// hands m to the sender; a failed delivery rolls the record back so that
// a retry sends. A call finding the key taken sends nothing and answers
// with the recorded mail's id (Conflict if that mail differs from m).
// Concurrent calls with one key wait for the first to commit or roll back.
// The transaction stays open while the mail server answers, for at most
// notification.smtp.timeout; on SQLite that holds the one write lock.
//
// announce, when not nil, runs in that transaction after the delivery, so
// that whatever it writes (an event) commits with the record, once.
//
// Delivery is at least once, not exactly once, in one edge: if the process
// dies after the mail server accepted the mail but before the commit, the
// record is lost and the caller's retry sends the mail again.
func (s *Service) send(ctx context.Context, m notification.Mail, announce func(tx *gorm.DB) error) (notification.SendReply, error) {
	m.ID, m.SentAt = shared.NewID(), db.Now()
	var stored notification.Mail
	err := s.db.Transact(ctx, func(tx *gorm.DB) error {
		var created bool
		var err error
		if stored, created, err = s.mails.Record(tx, m); err != nil || !created {
			return err
		}
		if err := s.deliver(ctx, m); err != nil || announce == nil {
			return err
		}
		return announce(tx)
	})
	if err != nil {
		return notification.SendReply{}, err
	}
	if stored.To != m.To || stored.Subject != m.Subject || stored.Body != m.Body {
		return notification.SendReply{}, shared.Errorf(shared.CodeConflict,
			"the %s mail of order %s was already sent with other content", m.Kind, m.OrderID)
	}
	return notification.SendReply{MailID: stored.ID}, nil
}

func (s *Service) deliver(ctx context.Context, m notification.Mail) error {
	err := s.sender.Send(ctx, sender.Mail{ID: m.ID, To: m.To, Subject: m.Subject, Body: m.Body, Date: m.SentAt})
	if err != nil {
		return shared.Errorf(shared.CodeUnavailable, "send the %s mail of order %s: %w", m.Kind, m.OrderID, err)
	}
	return nil
}
