package adapter

import (
	"context"

	"github.com/jubako/jubako/modules/catalog"
	"github.com/jubako/jubako/modules/hipstershop/pb"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/grpcserver"
)

// catalogService is ProductCatalogService, served by the catalog module.
type catalogService struct {
	pb.UnimplementedProductCatalogServiceServer
	bus *bus.Bus
}

// Catalog is ProductCatalogService.
func Catalog(b *bus.Bus) grpcserver.Service {
	return grpcserver.Service{Desc: &pb.ProductCatalogService_ServiceDesc, Impl: &catalogService{bus: b}, Module: module,
		Needs: []string{catalog.ListProducts.Info().Module}}
}

// ListProducts lists every product, in name order.
func (s *catalogService) ListProducts(ctx context.Context, _ *pb.Empty) (*pb.ListProductsResponse, error) {
	reply, err := catalog.ListProducts.Call(ctx, s.bus, catalog.ListProductsRequest{})
	if err != nil {
		return nil, err
	}
	return &pb.ListProductsResponse{Products: products(reply.Products)}, nil
}

// GetProduct returns one product; an unknown id is NOT_FOUND.
func (s *catalogService) GetProduct(ctx context.Context, req *pb.GetProductRequest) (*pb.Product, error) {
	p, err := catalog.GetProduct.Call(ctx, s.bus, catalog.GetProductRequest{ID: req.GetId()})
	if err != nil {
		return nil, err
	}
	return product(p), nil
}

// SearchProducts returns the products whose name or description contains
// the query, ignoring case.
func (s *catalogService) SearchProducts(ctx context.Context, req *pb.SearchProductsRequest) (*pb.SearchProductsResponse, error) {
	reply, err := catalog.ListProducts.Call(ctx, s.bus, catalog.ListProductsRequest{Query: req.GetQuery()})
	if err != nil {
		return nil, err
	}
	return &pb.SearchProductsResponse{Results: products(reply.Products)}, nil
}

func product(p catalog.Product) *pb.Product {
	return &pb.Product{Id: p.ID, Name: p.Name, Description: p.Description, Picture: p.Picture, PriceUsd: toMoney(p.PriceUSD), Categories: p.Categories}
}

func products(list []catalog.Product) []*pb.Product {
	out := make([]*pb.Product, len(list))
	for i, p := range list {
		out[i] = product(p)
	}
	return out
}
