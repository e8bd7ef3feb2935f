package adapter

import (
	"context"

	"github.com/jubako/jubako/modules/currency"
	"github.com/jubako/jubako/modules/hipstershop/pb"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/grpcserver"
)

// currencyService is CurrencyService, served by the currency module.
type currencyService struct {
	pb.UnimplementedCurrencyServiceServer
	bus *bus.Bus
}

// Currency is CurrencyService.
func Currency(b *bus.Bus) grpcserver.Service {
	return grpcserver.Service{Desc: &pb.CurrencyService_ServiceDesc, Impl: &currencyService{bus: b}, Module: module,
		Needs: []string{currency.Convert.Info().Module}}
}

// GetSupportedCurrencies lists the ISO 4217 codes Convert takes, sorted.
func (s *currencyService) GetSupportedCurrencies(ctx context.Context, _ *pb.Empty) (*pb.GetSupportedCurrenciesResponse, error) {
	reply, err := currency.SupportedCurrencies.Call(ctx, s.bus, currency.SupportedRequest{})
	if err != nil {
		return nil, err
	}
	return &pb.GetSupportedCurrenciesResponse{CurrencyCodes: reply.CurrencyCodes}, nil
}

// Convert converts exactly, rounding once, half to even, to whole nanos.
func (s *currencyService) Convert(ctx context.Context, req *pb.CurrencyConversionRequest) (*pb.Money, error) {
	m, err := currency.Convert.Call(ctx, s.bus, currency.ConvertRequest{From: money(req.GetFrom()), ToCode: req.GetToCode()})
	if err != nil {
		return nil, err
	}
	return toMoney(m), nil
}
