package app

import (
	"context"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/payment"
)

// This file is the checkout's one place for the payment module: its steps
// that charge and refund, and orders' Card as payment takes it.

// charge is the checkout step that charges the order's total to its card,
// once per key; the card is forgotten as soon as it is charged.
func (s *Service) charge(ctx context.Context, st *checkoutState, key string) error {
	reply, err := payment.Charge.Call(ctx, s.bus, payment.ChargeRequest{
		Key: key, Reference: st.OrderID, Amount: st.Total, Card: paymentCard(st.Card),
	})
	if err != nil {
		return err
	}
	st.TransactionID = reply.TransactionID
	st.Card = orders.CreditCard{}
	return nil
}

// refund undoes the charge made with key.
func (s *Service) refund(ctx context.Context, _ *checkoutState, key string) error {
	_, err := payment.Refund.Call(ctx, s.bus, payment.RefundRequest{ChargeKey: key})
	return err
}

// paymentCard is c as payment charges it.
func paymentCard(c orders.CreditCard) payment.CreditCard {
	return payment.CreditCard{Number: c.Number, CVV: c.CVV, ExpirationYear: c.ExpirationYear, ExpirationMonth: c.ExpirationMonth}
}
