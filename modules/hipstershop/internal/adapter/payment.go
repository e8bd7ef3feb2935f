package adapter

import (
	"context"

	"github.com/jubako/jubako/modules/hipstershop/pb"
	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/grpcserver"
)

// paymentService is PaymentService, served by the payment module.
type paymentService struct {
	pb.UnimplementedPaymentServiceServer
	bus *bus.Bus
}

// Payment is PaymentService. Charge takes money: it is for the service
// token and admins (jubako's own checkout charges through the bus).
func Payment(b *bus.Bus) grpcserver.Service {
	return grpcserver.Service{Desc: &pb.PaymentService_ServiceDesc, Impl: &paymentService{bus: b}, Module: module,
		Needs: []string{payment.Charge.Info().Module}, Restricted: []string{"Charge"}}
}

// Charge charges the card once per idempotency key (see
// grpcserver.IdempotencyKey), which is also the ledger's reference. A
// declined card is FAILED_PRECONDITION; a bad one INVALID_ARGUMENT naming
// the CreditCardInfo field.
func (s *paymentService) Charge(ctx context.Context, req *pb.ChargeRequest) (*pb.ChargeResponse, error) {
	key, err := grpcserver.IdempotencyKey(ctx, req)
	if err != nil {
		return nil, err
	}
	reply, err := payment.Charge.Call(ctx, s.bus, payment.ChargeRequest{
		Key: key, Reference: key, Amount: money(req.GetAmount()), Card: paymentCard(req.GetCreditCard()),
	})
	if err != nil {
		return nil, renamed(err, cardFields)
	}
	return &pb.ChargeResponse{TransactionId: reply.TransactionID}, nil
}

func paymentCard(c *pb.CreditCardInfo) payment.CreditCard {
	return payment.CreditCard{
		Number: c.GetCreditCardNumber(), CVV: c.GetCreditCardCvv(),
		ExpirationYear: c.GetCreditCardExpirationYear(), ExpirationMonth: c.GetCreditCardExpirationMonth(),
	}
}
