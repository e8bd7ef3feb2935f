package adapter

import (
	"context"
	"fmt"

	"github.com/jubako/jubako/modules/hipstershop/pb"
	"github.com/jubako/jubako/modules/notification"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/grpcserver"
	"github.com/jubako/jubako/shared"
)

// emailService is EmailService, served by the notification module.
type emailService struct {
	pb.UnimplementedEmailServiceServer
	bus *bus.Bus
}

// Email is EmailService. SendOrderConfirmation mails anybody: it is for
// the service token and admins (jubako's own checkout mails through the
// bus).
func Email(b *bus.Bus) grpcserver.Service {
	return grpcserver.Service{Desc: &pb.EmailService_ServiceDesc, Impl: &emailService{bus: b}, Module: module,
		Needs: []string{notification.SendConfirmation.Info().Module}, Restricted: []string{"SendOrderConfirmation"}}
}

// orderFields are a confirmation's fields under the wire's names.
var orderFields = map[string]string{
	"order_id": "order.order_id", "tracking_id": "order.shipping_tracking_id", "lines": "order.items", "shipping": "order.shipping_cost",
}

// SendOrderConfirmation mails the order's confirmation, once per order id.
// Lines name their product by id, as Online Boutique's mails do; the total
// is the items' costs (each a unit price) times their quantities, plus
// shipping.
func (s *emailService) SendOrderConfirmation(ctx context.Context, req *pb.SendOrderConfirmationRequest) (*pb.Empty, error) {
	o := req.GetOrder()
	confirmation := notification.ConfirmationRequest{
		OrderID: o.GetOrderId(), Email: req.GetEmail(), Shipping: money(o.GetShippingCost()), TrackingID: o.GetShippingTrackingId(),
		Lines: make([]notification.OrderLine, len(o.GetItems())),
	}
	total := confirmation.Shipping
	for i, it := range o.GetItems() {
		line, err := money(it.GetCost()).Times(int64(it.GetItem().GetQuantity()))
		if err == nil {
			total, err = total.Add(line)
		}
		if err != nil {
			return nil, shared.Invalid(fmt.Sprintf("order.items[%d].cost", i), "%v", shared.AsError(err).Message)
		}
		id := it.GetItem().GetProductId()
		confirmation.Lines[i] = notification.OrderLine{ProductID: id, Name: id, Quantity: it.GetItem().GetQuantity(), Price: line}
	}
	confirmation.Total = total
	if _, err := notification.SendConfirmation.Call(ctx, s.bus, confirmation); err != nil {
		return nil, renamed(err, orderFields)
	}
	return &pb.Empty{}, nil
}
