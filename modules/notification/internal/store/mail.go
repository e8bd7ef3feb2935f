// Package store records mails in the module's own table,
// notification_mails. The unique key (kind:order_id) is what makes a mail
// go out once.
package store

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/jubako/jubako/modules/notification"
	"github.com/jubako/jubako/platform/db"
)

type mailRow struct {
	ID        string `gorm:"primaryKey"`
	Key       string
	OrderID   string
	Kind      string
	Recipient string
	Subject   string
	Body      string
	SentAt    time.Time
}

func (mailRow) TableName() string { return "notification_mails" }

func (r mailRow) mail() notification.Mail {
	return notification.Mail{
		ID: r.ID, OrderID: r.OrderID, Kind: r.Kind, To: r.Recipient,
		Subject: r.Subject, Body: r.Body, SentAt: r.SentAt.UTC(),
	}
}

// Key is the idempotency key of the mail of one kind for one order.
func Key(kind, orderID string) string { return kind + ":" + orderID }

// Mails reads and writes notification_mails.
type Mails struct{ db *db.DB }

// New returns the store.
func New(d *db.DB) *Mails { return &Mails{db: d} }

// Record stores m within tx unless a mail of its kind exists for its
// order, and returns the mail that holds the key: m itself when created is
// true, the earlier one otherwise. On PostgreSQL a concurrent Record of the
// same key waits here until the other transaction ends.
func (s *Mails) Record(tx *gorm.DB, m notification.Mail) (stored notification.Mail, created bool, err error) {
	row := mailRow{
		ID: m.ID, Key: Key(m.Kind, m.OrderID), OrderID: m.OrderID, Kind: m.Kind,
		Recipient: m.To, Subject: m.Subject, Body: m.Body, SentAt: m.SentAt,
	}
	res := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "key"}}, DoNothing: true}).Create(&row)
	if res.Error != nil || res.RowsAffected == 1 {
		return m, res.Error == nil, res.Error
	}
	var existing mailRow
	if err := tx.Where("key = ?", row.Key).Take(&existing).Error; err != nil {
		return notification.Mail{}, false, err
	}
	return existing.mail(), false, nil
}

// ByOrder lists the mails of an order, oldest first.
func (s *Mails) ByOrder(ctx context.Context, orderID string) ([]notification.Mail, error) {
	var rows []mailRow
	err := s.db.WithContext(ctx).Where("order_id = ?", orderID).Order("sent_at, id").Find(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make([]notification.Mail, len(rows))
	for i, r := range rows {
		out[i] = r.mail()
	}
	return out, nil
}
