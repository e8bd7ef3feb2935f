package system

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/jubako/jubako/modules/hipstershop/pb"
	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/platform/grpcserver"
	"github.com/jubako/jubako/shared"
)

// obPlaceOrder is a PlaceOrder request of user's in EUR, paid with card and
// shipped to zip.
func obPlaceOrder(user string, zip int32, card *pb.CreditCardInfo) *pb.PlaceOrderRequest {
	return &pb.PlaceOrderRequest{UserId: user, UserCurrency: "EUR", Address: obAddress(zip), Email: "ada@example.com", CreditCard: card}
}

// obCheckoutCompletes is Online Boutique's checkout as its frontend runs
// it: AddItem, GetCart, GetQuote, PlaceOrder — which answers the completed
// order, stock sold, card charged once, cart empty.
func obCheckoutCompletes(t *testing.T, b *boutique) {
	user, before := newUser(), b.shop.stock(t, loafers)
	b.add(t, user, loafers, 2)
	b.add(t, user, mug, 1)
	c, err := b.cart.GetCart(ctx(t), &pb.GetCartRequest{UserId: user})
	if err != nil || len(c.GetItems()) != 2 {
		t.Fatalf("GetCart: %v %v", c, err)
	}
	quote, err := b.shipping.GetQuote(ctx(t), &pb.GetQuoteRequest{Address: obAddress(94043), Items: c.GetItems()})
	if err != nil {
		t.Fatal(err)
	}
	res, err := b.checkout.PlaceOrder(ctx(t), obPlaceOrder(user, 94043, goodCard()))
	if err != nil {
		t.Fatalf("PlaceOrder: %v", err)
	}
	o := res.GetOrder()
	unit := map[string]shared.Money{loafers: convert(t, b.shop, usd(89, 990_000_000), "EUR"), mug: convert(t, b.shop, usd(8, 990_000_000), "EUR")}
	if money(o.GetShippingCost()) != convert(t, b.shop, money(quote.GetCostUsd()), "EUR") || o.GetShippingTrackingId() == "" ||
		o.GetShippingAddress().GetZipCode() != 94043 || len(o.GetItems()) != 2 {
		t.Errorf("order result %v, want shipping of the quote in EUR, a tracking id, the address, two items", o)
	}
	for _, it := range o.GetItems() {
		if money(it.GetCost()) != unit[it.GetItem().GetProductId()] {
			t.Errorf("item %v costs %v, want the unit price %v", it.GetItem(), it.GetCost(), unit[it.GetItem().GetProductId()])
		}
	}
	if after, _ := b.cart.GetCart(ctx(t), &pb.GetCartRequest{UserId: user}); len(after.GetItems()) != 0 {
		t.Errorf("the cart after the order holds %v", after.GetItems())
	}
	got := b.onlyOrder(t, user)
	if got.ID != o.GetOrderId() || got.Status != orders.StatusCompleted || got.TrackingID != o.GetShippingTrackingId() {
		t.Errorf("the order over HTTP %s %s, want %s COMPLETED", got.ID, got.Status, o.GetOrderId())
	}
	if ledger := b.shop.ledger(t, got.ID); len(ledger) != 1 || ledger[0].Kind != payment.KindCharge || ledger[0].Amount != got.Total {
		t.Errorf("ledger %+v, want one charge of %v", ledger, got.Total)
	}
	if after := b.shop.stock(t, loafers); after.Sold != before.Sold+2 || after.Reserved != before.Reserved {
		t.Errorf("loafers %+v, before %+v: want 2 more sold", after, before)
	}
}

// obCheckoutCancelled: a declined card and an undeliverable address end
// the order CANCELLED; PlaceOrder answers FAILED_PRECONDITION saying why;
// the stock is back, the cart kept, and a charge made is refunded.
func obCheckoutCancelled(t *testing.T, b *boutique) {
	declined := goodCard()
	declined.CreditCardNumber = payment.DeclinedCard
	for _, tc := range []struct {
		name, product, reason string
		zip                   int32
		card                  *pb.CreditCardInfo
		ledger                []string
	}{
		{"declined card", hairdryer, "card declined", 94043, declined, nil},
		{"undeliverable zip is refunded", candleHolder, "undeliverable", 99999, goodCard(), []string{payment.KindCharge, payment.KindRefund}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			user, before := newUser(), b.shop.stock(t, tc.product)
			b.add(t, user, tc.product, 1)
			_, err := b.checkout.PlaceOrder(ctx(t), obPlaceOrder(user, tc.zip, tc.card))
			e := grpcserver.ErrorOf(err)
			if status.Code(err) != codes.FailedPrecondition || e.Reason != "order_cancelled" || !strings.Contains(e.Message, tc.reason) {
				t.Errorf("PlaceOrder: %v, want FAILED_PRECONDITION saying %q", err, tc.reason)
			}
			o := b.onlyOrder(t, user)
			if o.Status != orders.StatusCancelled || !strings.Contains(e.Message, o.ID) || !strings.Contains(o.CancellationReason, tc.reason) {
				t.Errorf("order %s %s (%q), want CANCELLED and named in the error", o.ID, o.Status, o.CancellationReason)
			}
			var kinds []string
			for _, l := range b.shop.ledger(t, o.ID) {
				kinds = append(kinds, l.Kind)
			}
			if strings.Join(kinds, " ") != strings.Join(tc.ledger, " ") {
				t.Errorf("ledger %v, want %v", kinds, tc.ledger)
			}
			if after := b.shop.stock(t, tc.product); after != before {
				t.Errorf("stock %+v, want it back to %+v", after, before)
			}
			if c, _ := b.cart.GetCart(ctx(t), &pb.GetCartRequest{UserId: user}); len(c.GetItems()) != 1 {
				t.Errorf("the cart holds %v, want it kept", c.GetItems())
			}
		})
	}
}

// obCheckoutPastTheDeadline: a PlaceOrder whose deadline passes is
// DEADLINE_EXCEEDED, whether its order was placed by then or not; placing
// it again with the same idempotency key answers the one order.
func obCheckoutPastTheDeadline(t *testing.T, b *boutique) {
	user, key := newUser(), "place-"+uuid.NewString()
	b.add(t, user, tankTop, 1)
	short, cancel := context.WithTimeout(ctx(t, grpcserver.KeyMetadata, key), time.Millisecond)
	defer cancel()
	if _, err := b.checkout.PlaceOrder(short, obPlaceOrder(user, 94043, goodCard())); status.Code(err) != codes.DeadlineExceeded {
		t.Errorf("PlaceOrder in a millisecond: %v, want DEADLINE_EXCEEDED", err)
	}
	res, err := b.checkout.PlaceOrder(ctx(t, grpcserver.KeyMetadata, key), obPlaceOrder(user, 94043, goodCard()))
	if err != nil {
		t.Fatalf("again with the key: %v", err)
	}
	if o := b.onlyOrder(t, user); o.ID != res.GetOrder().GetOrderId() || o.Status != orders.StatusCompleted {
		t.Errorf("order %s %s, want the one answered, %s, COMPLETED", o.ID, o.Status, res.GetOrder().GetOrderId())
	}
}

// obBadInput: what the shop refuses is INVALID_ARGUMENT naming the
// wire's field, and places nothing.
func obBadInput(t *testing.T, b *boutique) {
	user := newUser()
	b.add(t, user, watch, 1)
	for _, tc := range []struct {
		name, field string
		edit        func(*pb.PlaceOrderRequest)
	}{
		{"no user", "user_id", func(r *pb.PlaceOrderRequest) { r.UserId = "" }},
		{"no email", "email", func(r *pb.PlaceOrderRequest) { r.Email = "" }},
		{"a currency not a code", "user_currency", func(r *pb.PlaceOrderRequest) { r.UserCurrency = "euro" }},
		{"no zip code", "address.zip_code", func(r *pb.PlaceOrderRequest) { r.Address.ZipCode = 0 }},
		{"a month 13", "credit_card.credit_card_expiration_month", func(r *pb.PlaceOrderRequest) { r.CreditCard.CreditCardExpirationMonth = 13 }},
		{"an empty cart", "cart", func(r *pb.PlaceOrderRequest) { r.UserId = newUser() }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := obPlaceOrder(user, 94043, goodCard())
			tc.edit(req)
			_, err := b.checkout.PlaceOrder(ctx(t), req)
			if e := grpcserver.ErrorOf(err); status.Code(err) != codes.InvalidArgument || !errors.Is(e, shared.ErrInvalid) || e.Field != tc.field {
				t.Errorf("%v, want INVALID_ARGUMENT on %s", err, tc.field)
			}
		})
	}
	if n := len(b.ordersOf(t, user)); n != 0 {
		t.Errorf("%d orders placed by bad requests", n)
	}
}
