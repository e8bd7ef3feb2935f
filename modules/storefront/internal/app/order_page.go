package app

import (
	"context"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/storefront"
)

// This file is the storefront's one place for reading orders.

// OrderView is an order's page: the order, how its checkout went so far
// and, once cancelled, why — in its customer's words.
type OrderView struct {
	Shell
	Order    orders.Order
	Progress []Progress
	Reason   string
	Degraded []string
}

// Final tells whether the order will not change any more.
func (v OrderView) Final() bool { return v.Order.Status != orders.StatusPending }

// OrderView composes the page of userID's order id; another user's order
// is orders.ErrOrderNotFound.
func (s *Service) OrderView(ctx context.Context, userID, id string, ch Choice) (OrderView, error) {
	code, err := s.currencyOf(ctx, ch)
	if err != nil {
		return OrderView{}, err
	}
	currencies := s.fetchCurrencies(ctx)
	count := fetch(ctx, s.cfg.OptionalTimeout, storefront.PartCart, s.cartCount(userID))
	o, err := orders.GetOrder.Call(ctx, s.bus, orders.GetOrderRequest{OrderID: id, UserID: userID})
	if err != nil {
		return OrderView{}, err
	}
	var d degraded
	v := OrderView{Order: o, Progress: progressOf(o.Steps)}
	v.Shell = shellOf(code, currencies, count.wait(&d), &d)
	if o.Status == orders.StatusCancelled {
		v.Reason = PlainReason(o)
	}
	v.Degraded = d.list()
	return v, nil
}

// OrdersView is the list of a visitor's orders, newest first.
type OrdersView struct {
	Shell
	Orders   []orders.Order
	Degraded []string
}

// OrdersView composes the page of userID's orders.
func (s *Service) OrdersView(ctx context.Context, userID string, ch Choice) (OrdersView, error) {
	code, err := s.currencyOf(ctx, ch)
	if err != nil {
		return OrdersView{}, err
	}
	currencies := s.fetchCurrencies(ctx)
	count := fetch(ctx, s.cfg.OptionalTimeout, storefront.PartCart, s.cartCount(userID))
	list, err := orders.ListOrders.Call(ctx, s.bus, orders.ListOrdersRequest{UserID: userID})
	if err != nil {
		return OrdersView{}, err
	}
	var d degraded
	v := OrdersView{Orders: list.Orders}
	v.Shell = shellOf(code, currencies, count.wait(&d), &d)
	v.Degraded = d.list()
	return v, nil
}
