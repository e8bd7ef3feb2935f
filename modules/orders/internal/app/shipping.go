package app

import (
	"context"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/shared"
)

// This file is orders' one place for the shipping module: the quote that
// prices an order, and the checkout's steps that ship and cancel.

// quote is what shipping lines to addr costs, in the currency code.
func (s *Service) quote(ctx context.Context, addr orders.Address, lines []orders.Line, code string) (shared.Money, error) {
	return shipping.Quote.Call(ctx, s.bus, shipping.QuoteRequest{Address: shippingAddress(addr), Items: shippingItems(lines), Currency: code})
}

// ship is the checkout step that ships the order, once per key.
func (s *Service) ship(ctx context.Context, st *checkoutState, key string) error {
	reply, err := shipping.Ship.Call(ctx, s.bus, shipping.ShipRequest{
		Key: key, Reference: st.OrderID, Address: shippingAddress(st.Address), Items: shippingItems(st.Lines),
	})
	if err != nil {
		return err
	}
	st.TrackingID = reply.TrackingID
	return nil
}

// cancelShipment cancels the shipment made with key.
func (s *Service) cancelShipment(ctx context.Context, _ *checkoutState, key string) error {
	_, err := shipping.Cancel.Call(ctx, s.bus, shipping.CancelRequest{ShipKey: key})
	return err
}

// shippingAddress is a as shipping takes it.
func shippingAddress(a orders.Address) shipping.Address {
	return shipping.Address{StreetAddress: a.StreetAddress, City: a.City, State: a.State, Country: a.Country, ZipCode: a.ZipCode}
}

// shippingItems are the order's lines as shipping packs them.
func shippingItems(lines []orders.Line) []shipping.Item {
	out := make([]shipping.Item, len(lines))
	for i, l := range lines {
		out[i] = shipping.Item{ProductID: l.ProductID, Quantity: l.Quantity}
	}
	return out
}
