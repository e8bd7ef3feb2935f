// Package app holds the notification module's use cases, one per file.
// They serve the endpoints of the notification contract.
package app

import (
	"github.com/jubako/jubako/modules/notification/internal/sender"
	"github.com/jubako/jubako/modules/notification/internal/store"
	"github.com/jubako/jubako/platform/db"
)

// Service renders, records and sends order mails.
type Service struct {
	db     *db.DB
	mails  *store.Mails
	sender sender.Sender
}

// New returns the service.
func New(d *db.DB, mails *store.Mails, s sender.Sender) *Service {
	return &Service{db: d, mails: mails, sender: s}
}
