package adapter

import (
	"context"

	"github.com/jubako/jubako/modules/hipstershop/pb"
	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/grpcserver"
)

// shippingService is ShippingService, served by the shipping module.
type shippingService struct {
	pb.UnimplementedShippingServiceServer
	bus *bus.Bus
}

// Shipping is ShippingService. ShipOrder sends goods: it is for the
// service token and admins (jubako's own checkout ships through the bus).
func Shipping(b *bus.Bus) grpcserver.Service {
	return grpcserver.Service{Desc: &pb.ShippingService_ServiceDesc, Impl: &shippingService{bus: b}, Module: module,
		Needs: []string{shipping.Quote.Info().Module}, Restricted: []string{"ShipOrder"}}
}

// GetQuote quotes shipping the items in USD: 8.99 for a non-empty order.
func (s *shippingService) GetQuote(ctx context.Context, req *pb.GetQuoteRequest) (*pb.GetQuoteResponse, error) {
	cost, err := shipping.Quote.Call(ctx, s.bus, shipping.QuoteRequest{
		Address: shippingAddress(req.GetAddress()), Items: shippingItems(req.GetItems()), Currency: "USD",
	})
	if err != nil {
		return nil, err
	}
	return &pb.GetQuoteResponse{CostUsd: toMoney(cost)}, nil
}

// ShipOrder ships the items once per idempotency key (see
// grpcserver.IdempotencyKey), which is also the shipment's reference.
// Zip code 99999 is undeliverable: FAILED_PRECONDITION.
func (s *shippingService) ShipOrder(ctx context.Context, req *pb.ShipOrderRequest) (*pb.ShipOrderResponse, error) {
	key, err := grpcserver.IdempotencyKey(ctx, req)
	if err != nil {
		return nil, err
	}
	reply, err := shipping.Ship.Call(ctx, s.bus, shipping.ShipRequest{
		Key: key, Reference: key, Address: shippingAddress(req.GetAddress()), Items: shippingItems(req.GetItems()),
	})
	if err != nil {
		return nil, err
	}
	return &pb.ShipOrderResponse{TrackingId: reply.TrackingID}, nil
}
