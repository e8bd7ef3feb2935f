package app

import (
	"context"

	"github.com/jubako/jubako/modules/orders"
)

// Record is an order as an operator sees it: the order with its checkout
// timeline, who placed it, and the mails sent about it.
type Record struct {
	Order  orders.Order
	UserID string
	Mails  []Mail
	// MailsError says why the mails could not be read (notification is
	// unavailable, say); the order still shows.
	MailsError string
}

// LookUp finds any user's order by id, for the console.
func (s *Service) LookUp(ctx context.Context, id string) (Record, error) {
	o, userID, err := s.orders.ByID(ctx, id)
	if err != nil {
		return Record{}, err
	}
	if o, err = s.withSteps(ctx, o); err != nil {
		return Record{}, err
	}
	r := Record{Order: o, UserID: userID}
	if r.Mails, err = s.mailsAbout(ctx, id); err != nil {
		r.MailsError = err.Error()
	}
	return r, nil
}
