package adapter

import (
	"context"

	"github.com/jubako/jubako/modules/hipstershop/pb"
	"github.com/jubako/jubako/modules/recommendation"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/grpcserver"
)

// recommendationService is RecommendationService, served by the
// recommendation module.
type recommendationService struct {
	pb.UnimplementedRecommendationServiceServer
	bus *bus.Bus
}

// Recommendation is RecommendationService.
func Recommendation(b *bus.Bus) grpcserver.Service {
	return grpcserver.Service{Desc: &pb.RecommendationService_ServiceDesc, Impl: &recommendationService{bus: b}, Module: module,
		Needs: []string{recommendation.List.Info().Module}}
}

// ListRecommendations answers up to five other catalog products, shuffled;
// user_id plays no part, as in Online Boutique.
func (s *recommendationService) ListRecommendations(ctx context.Context, req *pb.ListRecommendationsRequest) (*pb.ListRecommendationsResponse, error) {
	reply, err := recommendation.List.Call(ctx, s.bus, recommendation.ListRequest{ProductIDs: req.GetProductIds()})
	if err != nil {
		return nil, err
	}
	return &pb.ListRecommendationsResponse{ProductIds: reply.ProductIDs}, nil
}
