package local_test

import (
	"context"
	"maps"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"go.uber.org/fx"

	"github.com/jubako/jubako/modules/cart"
	"github.com/jubako/jubako/modules/catalog"
	"github.com/jubako/jubako/modules/currency"
	"github.com/jubako/jubako/modules/inventory"
	"github.com/jubako/jubako/modules/notification"
	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/modules/purchase"
	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

// The stand-in catalog sells two products; every cart holds two pairs of
// sunglasses and a mug, except the carts of emptyUser and goneUser (whose
// product the catalog no longer sells).
const (
	sunglasses = "SUNGLASSES"
	mug        = "MUG"
	retired    = "RETIRED"
	emptyUser  = "customer-with-an-empty-cart"
	goneUser   = "customer-with-a-retired-product"
	// raceUser's cart is read by two checkouts with one key at once: the
	// first read waits for the second, which answers only once the first
	// order's saga emptied the cart, and then answers it empty.
	raceUser = "customer-checking-out-twice"
	// greedyUser's cart holds more sunglasses than inventory has.
	greedyUser = "customer-wanting-too-many"
	// unluhnyCard passes orders' form check but not payment's.
	unluhnyCard = "4111111111111112"
	// unreachableCard is held by a payment module that cannot be reached.
	unreachableCard = "5555555555554444"
	// racingCard's holds wait for one another, so that racingHolds
	// checkouts with one key all hold it before any order is placed.
	racingCard  = "5105105105105100"
	racingHolds = 3
)

var prices = map[string]shared.Money{sunglasses: usd(19, 990_000_000), mug: usd(8, 500_000_000)}

// participants stand in for every module the checkout calls, registered on
// the process's bus; each call is recorded by endpoint, in order.
type participants struct {
	mu    sync.Mutex
	calls map[string][]any

	// inventoryDown makes Reserve unavailable.
	inventoryDown atomic.Bool

	raceReads           atomic.Int32
	secondRead, emptied chan struct{}
	emptiedOnce         sync.Once

	racingHeld  atomic.Int32
	allRacersIn chan struct{}
	// held is the references payment holds a card under: HoldCard adds
	// one, ReleaseHold takes it away.
	held map[string]bool
}

// holdCard plays payment's HoldCard; racingCard's holds wait for one
// another (see racingCard), giving up after a while.
func (p *participants) holdCard(r payment.HoldCardRequest) (payment.HoldCardReply, error) {
	if r.Card.Number == racingCard {
		if p.racingHeld.Add(1) == racingHolds {
			close(p.allRacersIn)
		}
		select {
		case <-p.allRacersIn:
		case <-time.After(10 * time.Second):
		}
	}
	reply, err := holdCard(r)
	if err == nil {
		p.mu.Lock()
		p.held[r.Reference] = true
		p.mu.Unlock()
	}
	return reply, err
}

// releaseHold plays payment's ReleaseHold.
func (p *participants) releaseHold(r payment.ReleaseHoldRequest) (payment.ReleaseHoldReply, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	released := p.held[r.Reference]
	delete(p.held, r.Reference)
	return payment.ReleaseHoldReply{Released: released}, nil
}

// holds lists the references payment holds a card under, sorted.
func (p *participants) holds() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Sorted(maps.Keys(p.held))
}

// raceCart plays raceUser's cart (see raceUser), giving up after a while
// so that a checkout that never comes fails its test instead of hanging.
func (p *participants) raceCart(r cart.GetCartRequest) (cart.Cart, error) {
	if p.raceReads.Add(1) == 1 {
		select {
		case <-p.secondRead:
		case <-time.After(10 * time.Second):
		}
		return cartOf(cart.GetCartRequest{UserID: "ada"})
	}
	close(p.secondRead)
	select {
	case <-p.emptied:
	case <-time.After(10 * time.Second):
	}
	return cart.Cart{UserID: r.UserID, Items: []cart.Item{}}, nil
}

// record notes a call to endpoint with req.
func (p *participants) record(endpoint string, req any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.calls == nil {
		p.calls = map[string][]any{}
	}
	p.calls[endpoint] = append(p.calls[endpoint], req)
}

// requests returns the requests endpoint e received, in order.
func requests[Req, Rep any](p *participants, e bus.EndpointOf[Req, Rep]) []Req {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []Req
	for _, r := range p.calls[e.Info().Name] {
		out = append(out, r.(Req))
	}
	return out
}

// stub serves e with fn, recording every request.
func stub[Req, Rep any](b *bus.Bus, p *participants, e bus.EndpointOf[Req, Rep], fn func(Req) (Rep, error)) {
	e.Handle(b, func(_ context.Context, req Req) (Rep, error) {
		p.record(e.Info().Name, req)
		return fn(req)
	})
}

// cancelled is the stand-in subscriber of orders' cancellation event.
const cancelled = "orders.cancelled"

// module registers the stand-ins, and a subscriber recording the orders'
// cancellation events under cancelled and one recording the events orders
// publishes besides, by topic.
func (p *participants) module() fx.Option {
	p.secondRead, p.emptied, p.allRacersIn = make(chan struct{}), make(chan struct{}), make(chan struct{})
	p.held = map[string]bool{}
	return fx.Invoke(func(b *bus.Bus) {
		stub(b, p, cart.GetCart, func(r cart.GetCartRequest) (cart.Cart, error) {
			if r.UserID == raceUser {
				return p.raceCart(r)
			}
			return cartOf(r)
		})
		stub(b, p, cart.EmptyCart, func(r cart.EmptyCartRequest) (cart.EmptyCartReply, error) {
			if r.UserID == raceUser {
				p.emptiedOnce.Do(func() { close(p.emptied) })
			}
			return cart.EmptyCartReply{}, nil
		})
		stub(b, p, catalog.GetProduct, product)
		stub(b, p, currency.Convert, func(r currency.ConvertRequest) (shared.Money, error) { return convert(r.From, r.ToCode) })
		stub(b, p, shipping.Quote, func(r shipping.QuoteRequest) (shared.Money, error) { return convert(usd(8, 990_000_000), r.Currency) })
		stub(b, p, inventory.Reserve, func(r inventory.ReserveRequest) (inventory.Reservation, error) {
			if p.inventoryDown.Load() {
				return inventory.Reservation{}, shared.Errorf(shared.CodeUnavailable, "inventory is down")
			}
			return reserve(r)
		})
		stub(b, p, inventory.Release, answer[inventory.KeyRequest](inventory.Reservation{}))
		stub(b, p, inventory.Commit, answer[inventory.KeyRequest](inventory.Reservation{}))
		stub(b, p, payment.Charge, charge)
		stub(b, p, payment.Refund, answer[payment.RefundRequest](payment.RefundReply{Refunded: true}))
		stub(b, p, shipping.Ship, ship)
		stub(b, p, shipping.Cancel, answer[shipping.CancelRequest](shipping.CancelReply{Cancelled: true}))
		stub(b, p, notification.SendConfirmation, answer[notification.ConfirmationRequest](notification.SendReply{MailID: "mail"}))
		stub(b, p, notification.SendCancellation, answer[notification.CancellationRequest](notification.SendReply{MailID: "mail"}))
		orders.OrderCancelled.Consume(b, "watcher", func(_ context.Context, e orders.OrderCancelledEvent) error {
			p.record(cancelled, e)
			return nil
		})
		stub(b, p, payment.HoldCard, p.holdCard)
		stub(b, p, payment.ReleaseHold, p.releaseHold)
		watch(b, p, orders.OrderCompleted)
		watch(b, p, purchase.OrderPlaced)
		watch(b, p, purchase.OrderCompleted)
	})
}

// answer is a stand-in that always answers rep.
func answer[Req, Rep any](rep Rep) func(Req) (Rep, error) {
	return func(Req) (Rep, error) { return rep, nil }
}

func cartOf(r cart.GetCartRequest) (cart.Cart, error) {
	switch r.UserID {
	case emptyUser:
		return cart.Cart{UserID: r.UserID, Items: []cart.Item{}}, nil
	case goneUser:
		return cart.Cart{UserID: r.UserID, Items: []cart.Item{{ProductID: retired, Quantity: 1}}}, nil
	case greedyUser:
		return cart.Cart{UserID: r.UserID, Items: []cart.Item{{ProductID: sunglasses, Quantity: 99}}}, nil
	}
	return cart.Cart{UserID: r.UserID, Items: []cart.Item{{ProductID: sunglasses, Quantity: 2}, {ProductID: mug, Quantity: 1}}}, nil
}

func product(r catalog.GetProductRequest) (catalog.Product, error) {
	price, ok := prices[r.ID]
	if !ok {
		return catalog.Product{}, catalog.ErrProductNotFound
	}
	return catalog.Product{ID: r.ID, Name: " The " + r.ID + " ", PriceUSD: price}, nil
}

// convert changes USD at the stand-in's rates: 1 USD is 2 EUR; no other
// currency is supported.
func convert(m shared.Money, code string) (shared.Money, error) {
	switch code {
	case "USD":
		return m, nil
	case "EUR":
		out, err := m.Times(2)
		out.CurrencyCode = "EUR"
		return out, err
	}
	return shared.Money{}, currency.ErrUnsupportedCurrency.With("currency %q is not supported", code)
}

// reserve has 10 of each product on hand.
func reserve(r inventory.ReserveRequest) (inventory.Reservation, error) {
	for _, l := range r.Lines {
		if l.Quantity > 10 {
			return inventory.Reservation{}, inventory.ErrOutOfStock.With("out of stock: product %q has 10 on hand, %d wanted", l.ProductID, l.Quantity)
		}
	}
	return inventory.Reservation{Key: r.Key, Status: inventory.StatusReserved}, nil
}

func holdCard(r payment.HoldCardRequest) (payment.HoldCardReply, error) {
	switch r.Card.Number {
	case unluhnyCard:
		e := payment.ErrCardNumber.With("card number fails the Luhn check")
		e.Field = "card.number"
		return payment.HoldCardReply{}, e
	case unreachableCard:
		return payment.HoldCardReply{}, shared.Errorf(shared.CodeUnavailable, "payment is unreachable")
	}
	return payment.HoldCardReply{CardLast4: r.Card.Number[len(r.Card.Number)-4:]}, nil
}

// watch records every event of t under its topic's name.
func watch[E any](b *bus.Bus, p *participants, t bus.TopicOf[E]) {
	t.Consume(b, "watcher", func(_ context.Context, e E) error {
		p.record(t.Info().Name, e)
		return nil
	})
}

// events returns the events of t the watcher received, in order.
func events[E any](p *participants, t bus.TopicOf[E]) []E {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []E
	for _, e := range p.calls[t.Info().Name] {
		out = append(out, e.(E))
	}
	return out
}

func charge(r payment.ChargeRequest) (payment.ChargeReply, error) {
	if r.Card.Number == payment.DeclinedCard {
		return payment.ChargeReply{}, payment.ErrDeclined
	}
	return payment.ChargeReply{TransactionID: "TX-" + r.Reference, CardLast4: r.Card.Number[len(r.Card.Number)-4:]}, nil
}

func ship(r shipping.ShipRequest) (shipping.ShipReply, error) {
	if r.Address.ZipCode == shipping.UndeliverableZip {
		return shipping.ShipReply{}, shipping.ErrUndeliverable
	}
	return shipping.ShipReply{TrackingID: "TRACK-" + r.Reference}, nil
}

// count is how many times endpoint was called.
func (p *participants) count(endpoint string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.calls[endpoint])
}
