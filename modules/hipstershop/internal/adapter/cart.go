package adapter

import (
	"context"

	"github.com/jubako/jubako/modules/cart"
	"github.com/jubako/jubako/modules/hipstershop/pb"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/grpcserver"
)

// cartService is CartService, served by the cart module; user_id u's
// cart is the one of hipstershop.OwnerPrefix+u.
type cartService struct {
	pb.UnimplementedCartServiceServer
	bus *bus.Bus
}

// Cart is CartService.
func Cart(b *bus.Bus) grpcserver.Service {
	return grpcserver.Service{Desc: &pb.CartService_ServiceDesc, Impl: &cartService{bus: b}, Module: module,
		Needs: []string{cart.AddItem.Info().Module}}
}

// itemFields are the cart's fields under the wire's names.
var itemFields = map[string]string{"product_id": "item.product_id", "quantity": "item.quantity"}

// AddItem adds a quantity (1–100 in all) of a catalog product.
func (s *cartService) AddItem(ctx context.Context, req *pb.AddItemRequest) (*pb.Empty, error) {
	user, err := owner(req.GetUserId())
	if err != nil {
		return nil, err
	}
	_, err = cart.AddItem.Call(ctx, s.bus, cart.AddItemRequest{UserID: user, ProductID: req.GetItem().GetProductId(), Quantity: req.GetItem().GetQuantity()})
	if err != nil {
		return nil, renamed(err, itemFields)
	}
	return &pb.Empty{}, nil
}

// GetCart returns the user's cart, empty when they have none.
func (s *cartService) GetCart(ctx context.Context, req *pb.GetCartRequest) (*pb.Cart, error) {
	user, err := owner(req.GetUserId())
	if err != nil {
		return nil, err
	}
	c, err := cart.GetCart.Call(ctx, s.bus, cart.GetCartRequest{UserID: user})
	if err != nil {
		return nil, err
	}
	out := &pb.Cart{UserId: req.GetUserId(), Items: make([]*pb.CartItem, len(c.Items))}
	for i, it := range c.Items {
		out.Items[i] = &pb.CartItem{ProductId: it.ProductID, Quantity: it.Quantity}
	}
	return out, nil
}

// EmptyCart empties the user's cart; an empty cart stays empty.
func (s *cartService) EmptyCart(ctx context.Context, req *pb.EmptyCartRequest) (*pb.Empty, error) {
	user, err := owner(req.GetUserId())
	if err != nil {
		return nil, err
	}
	if _, err := cart.EmptyCart.Call(ctx, s.bus, cart.EmptyCartRequest{UserID: user}); err != nil {
		return nil, err
	}
	return &pb.Empty{}, nil
}
