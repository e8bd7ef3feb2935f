package system

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/uuid"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/jubako/jubako/modules/hipstershop/pb"
	"github.com/jubako/jubako/modules/notification"
	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/platform/grpcserver"
)

// traceparent is metadata that puts a call in a trace of its own.
func traceparent() []string {
	return []string{"traceparent", "00-" + strings.ReplaceAll(uuid.NewString(), "-", "") + "-00f067aa0ba902b7-01"}
}

func obShipping(t *testing.T, b *boutique) {
	items := []*pb.CartItem{{ProductId: watch, Quantity: 2}}
	quote, err := b.shipping.GetQuote(ctx(t), &pb.GetQuoteRequest{Address: obAddress(94043), Items: items})
	if err != nil || money(quote.GetCostUsd()) != usd(8, 990_000_000) {
		t.Errorf("GetQuote: %v %v, want USD 8.99", quote, err)
	}
	key := "ship-" + uuid.NewString()
	first, err := b.shipping.ShipOrder(b.asAdmin(t, grpcserver.KeyMetadata, key), &pb.ShipOrderRequest{Address: obAddress(94043), Items: items})
	if err != nil || first.GetTrackingId() == "" {
		t.Fatalf("ShipOrder: %v %v", first, err)
	}
	again, err := b.shipping.ShipOrder(b.asAdmin(t, grpcserver.KeyMetadata, key), &pb.ShipOrderRequest{Address: obAddress(94043), Items: items})
	if err != nil || again.GetTrackingId() != first.GetTrackingId() {
		t.Errorf("ShipOrder again with the key: %v %v, want tracking id %s", again, err, first.GetTrackingId())
	}
	if got := b.shop.shipments(t, key); len(got) != 1 || got[0].TrackingID != first.GetTrackingId() || got[0].Address.ZipCode != "94043" {
		t.Errorf("shipments under the key %+v, want one to 94043", got)
	}
	_, err = b.shipping.ShipOrder(b.asAdmin(t), &pb.ShipOrderRequest{Address: obAddress(99999), Items: items})
	if status.Code(err) != codes.FailedPrecondition || !errors.Is(grpcserver.ErrorOf(err), shipping.ErrUndeliverable) {
		t.Errorf("ShipOrder to 99999: %v, want FAILED_PRECONDITION undeliverable", err)
	}
}

func obPayment(t *testing.T, b *boutique) {
	amount := &pb.Money{CurrencyCode: "USD", Units: 42, Nanos: 500_000_000}
	key := "charge-" + uuid.NewString()
	first, err := b.payment.Charge(b.asAdmin(t, grpcserver.KeyMetadata, key), &pb.ChargeRequest{Amount: amount, CreditCard: goodCard()})
	if err != nil || first.GetTransactionId() == "" {
		t.Fatalf("Charge: %v %v", first, err)
	}
	again, err := b.payment.Charge(b.asAdmin(t, grpcserver.KeyMetadata, key), &pb.ChargeRequest{Amount: amount, CreditCard: goodCard()})
	if err != nil || again.GetTransactionId() != first.GetTransactionId() {
		t.Errorf("Charge again with the key: %v %v, want transaction %s", again, err, first.GetTransactionId())
	}
	if got := b.shop.ledger(t, key); len(got) != 1 || got[0].Kind != payment.KindCharge || got[0].Amount != usd(42, 500_000_000) || got[0].CardLast4 != "1111" {
		t.Errorf("ledger under the key %+v, want one charge of USD 42.50 on …1111", got)
	}
	trace := traceparent()
	inTrace := func() string {
		res, err := b.payment.Charge(b.asAdmin(t, trace...), &pb.ChargeRequest{Amount: amount, CreditCard: goodCard()})
		if err != nil {
			t.Fatal(err)
		}
		return res.GetTransactionId()
	}
	if one, two := inTrace(), inTrace(); one != two || one == first.GetTransactionId() {
		t.Errorf("a charge retried in its trace: %s then %s, want one new transaction", one, two)
	}
	declined := goodCard()
	declined.CreditCardNumber = payment.DeclinedCard
	_, err = b.payment.Charge(b.asAdmin(t), &pb.ChargeRequest{Amount: amount, CreditCard: declined})
	if status.Code(err) != codes.FailedPrecondition || !errors.Is(grpcserver.ErrorOf(err), payment.ErrDeclined) {
		t.Errorf("a declined card: %v, want FAILED_PRECONDITION card_declined", err)
	}
	bad := goodCard()
	bad.CreditCardNumber = "4111111111111112"
	_, err = b.payment.Charge(b.asAdmin(t), &pb.ChargeRequest{Amount: amount, CreditCard: bad})
	if e := grpcserver.ErrorOf(err); status.Code(err) != codes.InvalidArgument || e.Field != "credit_card.credit_card_number" {
		t.Errorf("a card failing Luhn: %v, want INVALID_ARGUMENT on credit_card.credit_card_number", err)
	}
}

func obEmail(t *testing.T, b *boutique) {
	id := "ob-mail-" + uuid.NewString()
	req := &pb.SendOrderConfirmationRequest{Email: "ada@example.com", Order: &pb.OrderResult{
		OrderId: id, ShippingTrackingId: "TRACK-1", ShippingCost: &pb.Money{CurrencyCode: "EUR", Units: 8},
		ShippingAddress: obAddress(94043),
		Items:           []*pb.OrderItem{{Item: &pb.CartItem{ProductId: mug, Quantity: 2}, Cost: &pb.Money{CurrencyCode: "EUR", Units: 7, Nanos: 500_000_000}}},
	}}
	for range 2 {
		if _, err := b.email.SendOrderConfirmation(b.asAdmin(t), req); err != nil {
			t.Fatalf("SendOrderConfirmation: %v", err)
		}
	}
	mails := b.shop.mails(t, id)
	if len(mails) != 1 || mails[0].Kind != notification.KindConfirmation || mails[0].To != "ada@example.com" ||
		!strings.Contains(mails[0].Body, "TRACK-1") || !strings.Contains(mails[0].Body, "23.00") {
		t.Errorf("mails %+v, want one confirmation to ada, tracking TRACK-1, total 23.00", mails)
	}
	req.Order.Items = nil
	_, err := b.email.SendOrderConfirmation(b.asAdmin(t), req)
	if e := grpcserver.ErrorOf(err); status.Code(err) != codes.InvalidArgument || e.Field != "order.items" {
		t.Errorf("no items: %v, want INVALID_ARGUMENT on order.items", err)
	}
}
