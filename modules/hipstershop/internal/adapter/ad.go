package adapter

import (
	"context"

	"github.com/jubako/jubako/modules/ads"
	"github.com/jubako/jubako/modules/hipstershop/pb"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/grpcserver"
)

// adService is AdService, served by the ads module.
type adService struct {
	pb.UnimplementedAdServiceServer
	bus *bus.Bus
}

// Ad is AdService.
func Ad(b *bus.Bus) grpcserver.Service {
	return grpcserver.Service{Desc: &pb.AdService_ServiceDesc, Impl: &adService{bus: b}, Module: module,
		Needs: []string{ads.Get.Info().Module}}
}

// GetAds returns the ads of the context keys (product categories), or two
// random ones when none matches.
func (s *adService) GetAds(ctx context.Context, req *pb.AdRequest) (*pb.AdResponse, error) {
	reply, err := ads.Get.Call(ctx, s.bus, ads.GetRequest{ContextKeys: req.GetContextKeys()})
	if err != nil {
		return nil, renamed(err, map[string]string{"context": "context_keys"})
	}
	out := &pb.AdResponse{Ads: make([]*pb.Ad, len(reply.Ads))}
	for i, a := range reply.Ads {
		out.Ads[i] = &pb.Ad{RedirectUrl: a.RedirectURL, Text: a.Text}
	}
	return out, nil
}
