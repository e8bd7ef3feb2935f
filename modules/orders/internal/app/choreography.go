package app

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/shared"
)

// This file starts a choreographed checkout: the card handed to payment,
// then the purchase.OrderPlaced event its participants react to.

// holdCard hands the order's card to payment, to be charged under the
// order id once inventory has reserved the stock. Bad card data is
// Invalid naming the checkout form's field ("credit_card.number", …).
func (s *Service) holdCard(ctx context.Context, o orders.Order, card orders.CreditCard) error {
	_, err := payment.HoldCard.Call(ctx, s.bus, payment.HoldCardRequest{Reference: o.ID, Amount: o.Total, Card: paymentCard(card)})
	if e := shared.AsError(err); err != nil && e.Code == shared.CodeInvalid && strings.HasPrefix(e.Field, "card.") {
		return fieldOf(err, "credit_card."+strings.TrimPrefix(e.Field, "card."))
	}
	return err
}

// releaseHold makes payment forget the card held for the order id, which
// was not placed after all (another request with its key won, or the
// insert failed), even when the request that held it is gone. Should
// payment not answer, the hold expires with payment.hold_ttl.
func (s *Service) releaseHold(ctx context.Context, id string) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.cfg.StepTimeout)
	defer cancel()
	if _, err := payment.ReleaseHold.Call(ctx, s.bus, payment.ReleaseHoldRequest{Reference: id}); err != nil {
		return fmt.Errorf("release the card held for %s: %w", id, err)
	}
	return nil
}

// startCheckout starts the checkout of the new order o in its mode, in
// the transaction that inserts it: the saga, or the event that sets the
// choreography going.
func (s *Service) startCheckout(ctx context.Context, tx *gorm.DB, o orders.Order, userID string, req orders.CheckoutRequest) error {
	if o.CheckoutMode != orders.ModeChoreography {
		return s.checkout.Start(ctx, tx, o.ID, newCheckoutState(o, userID, req))
	}
	return purchase.OrderPlaced.Publish(ctx, tx, purchase.OrderPlacedEvent{
		OrderID: o.ID, UserID: userID, Email: o.Email, Currency: o.Currency, Lines: purchaseLines(o.Items),
		Shipping: o.ShippingCost, Total: o.Total, At: db.Now(),
		Address: purchase.Address{
			StreetAddress: o.Address.StreetAddress, City: o.Address.City, State: o.Address.State,
			Country: o.Address.Country, ZipCode: o.Address.ZipCode,
		},
	})
}

// purchaseLines are the order's lines as the purchase events carry them.
func purchaseLines(lines []orders.Line) []purchase.Line {
	out := make([]purchase.Line, len(lines))
	for i, l := range lines {
		out[i] = purchase.Line{ProductID: l.ProductID, Name: l.Name, Quantity: l.Quantity, UnitPrice: l.UnitPrice, Total: l.Total}
	}
	return out
}
