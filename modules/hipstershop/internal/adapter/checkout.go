package adapter

import (
	"context"

	"github.com/jubako/jubako/modules/cart"
	"github.com/jubako/jubako/modules/hipstershop/pb"
	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/grpcserver"
)

// checkoutService is CheckoutService, served by the orders module's
// checkout saga.
type checkoutService struct {
	pb.UnimplementedCheckoutServiceServer
	bus *bus.Bus
}

// Checkout is CheckoutService.
func Checkout(b *bus.Bus) grpcserver.Service {
	return grpcserver.Service{Desc: &pb.CheckoutService_ServiceDesc, Impl: &checkoutService{bus: b}, Module: module,
		Needs: []string{orders.PlaceOrder.Info().Module}}
}

// checkoutFields are the checkout's fields under the wire's names.
var checkoutFields = map[string]string{
	"currency":                     "user_currency",
	"credit_card.number":           "credit_card.credit_card_number",
	"credit_card.cvv":              "credit_card.credit_card_cvv",
	"credit_card.expiration_year":  "credit_card.credit_card_expiration_year",
	"credit_card.expiration_month": "credit_card.credit_card_expiration_month",
}

// PlaceOrder turns the user's cart into an order and answers once its
// checkout saga has ended, as Online Boutique's synchronous PlaceOrder
// does: the order when it completed (its cart emptied), the error of
// its cancellation otherwise (see settle). The saga is started once per
// idempotency key (see grpcserver.IdempotencyKey).
func (s *checkoutService) PlaceOrder(ctx context.Context, req *pb.PlaceOrderRequest) (*pb.PlaceOrderResponse, error) {
	user, err := owner(req.GetUserId())
	if err != nil {
		return nil, err
	}
	key, err := grpcserver.IdempotencyKey(ctx, req)
	if err != nil {
		return nil, err
	}
	c := req.GetCreditCard()
	placed, err := orders.PlaceOrder.Call(ctx, s.bus, orders.PlaceOrderRequest{
		UserID: user, Key: key, Email: req.GetEmail(), Currency: req.GetUserCurrency(), Address: orderAddress(req.GetAddress()),
		CreditCard: orders.CreditCard{
			Number: c.GetCreditCardNumber(), CVV: c.GetCreditCardCvv(),
			ExpirationYear: c.GetCreditCardExpirationYear(), ExpirationMonth: c.GetCreditCardExpirationMonth(),
		},
	})
	if err != nil {
		return nil, renamed(err, checkoutFields)
	}
	o, err := settle(ctx, s.bus, placed.OrderID, user)
	if err != nil {
		return nil, err
	}
	// The saga empties the cart a step after the order completes; Online
	// Boutique's callers expect it empty when PlaceOrder answers. Should
	// this call fail, the order still completed, and the saga's own step
	// empties the cart, retrying until it succeeds.
	_, _ = cart.EmptyCart.Call(ctx, s.bus, cart.EmptyCartRequest{UserID: user})
	return &pb.PlaceOrderResponse{Order: orderResult(o)}, nil
}

// orderResult is a completed order as the wire tells it: each item's cost
// is its unit price in the order's currency.
func orderResult(o orders.Order) *pb.OrderResult {
	items := make([]*pb.OrderItem, len(o.Items))
	for i, l := range o.Items {
		items[i] = &pb.OrderItem{Item: &pb.CartItem{ProductId: l.ProductID, Quantity: l.Quantity}, Cost: toMoney(l.UnitPrice)}
	}
	return &pb.OrderResult{
		OrderId: o.ID, ShippingTrackingId: o.TrackingID, ShippingCost: toMoney(o.ShippingCost),
		ShippingAddress: toAddress(o.Address), Items: items,
	}
}
