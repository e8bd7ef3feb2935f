// Package sender delivers rendered mails. Every mail is first recorded in
// notification_mails (that record is what makes sending happen once); a
// Sender then delivers it. The default, Stored, delivers nothing more: the
// record is the mail, read through notification.Mails. SMTP hands the mail
// to a mail server when notification.smtp.host is set.
package sender

import (
	"context"
	"time"
)

// Mail is one message to deliver.
type Mail struct {
	// ID is the recorded mail's id; SMTP uses it for the Message-ID.
	ID      string
	To      string
	Subject string
	Body    string
	Date    time.Time
}

// Sender delivers a mail. An error means the mail may not have been
// delivered, and the caller forgets its record so that a retry sends.
type Sender interface {
	Send(ctx context.Context, m Mail) error
}

// Stored is the default Sender: the mail's row in notification_mails is its
// delivery, so Send has nothing left to do.
type Stored struct{}

// Send does nothing; the mail is already recorded.
func (Stored) Send(context.Context, Mail) error { return nil }

// New returns the Sender configured by c: SMTP when a host is set, Stored
// otherwise.
func New(c Config) Sender {
	if c.SMTP.Host == "" {
		return Stored{}
	}
	return &SMTP{cfg: c.SMTP}
}
