package contract

import (
	"context"
	"sync/atomic"
	"testing"

	"go.uber.org/fx"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/host"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// The shelf module exists only in these tests: a provider with one
// endpoint and one topic.

type getRequest struct {
	ID string `json:"id"`
}

type item struct {
	ID       string       `json:"id"`
	PriceUSD shared.Money `json:"price_usd"`
}

type restockedEvent struct {
	ItemID string `json:"item_id"`
	Count  int    `json:"count"`
}

var (
	get           = bus.Endpoint[getRequest, item]("shelf.Get", bus.Idempotent())
	otherGet      = bus.Endpoint[getRequest, item]("calc.Get")
	chanGet       = bus.Endpoint[chan int, item]("shelf.Chan")
	restocked     = bus.Topic[restockedEvent]("shelf.restocked.v1")
	errNoSuchItem = shared.NewReason(shared.CodeNotFound, "no_such_item", "no such item")
)

// shelf serves get: item A costs 19.99 USD; any other is errNoSuchItem on
// field "id".
func shelf() fx.Option {
	return host.Module("shelf", fx.Invoke(func(b *bus.Bus) {
		get.Handle(b, func(_ context.Context, r getRequest) (item, error) {
			if r.ID != "A" {
				e := errNoSuchItem.With("no item %s", r.ID)
				e.Field = "id"
				return item{}, e
			}
			return item{ID: "A", PriceUSD: shared.Money{CurrencyCode: "USD", Units: 19, Nanos: 990_000_000}}, nil
		})
	}))
}

// verifying starts the shelf and a verifier of it that counts the set-ups
// of "item A is shelved".
func verifying(t *testing.T) (*Provider, *atomic.Int64) {
	t.Helper()
	p := NewProvider("shelf", testkit.Start(t, testkit.SQLite(t), Settings(), shelf()))
	var setUps atomic.Int64
	p.State("item A is shelved", func(context.Context) error {
		setUps.Add(1)
		return nil
	})
	p.StateWith("an item was shelved", func(context.Context) (map[string]any, error) {
		return map[string]any{"item_id": "A"}, nil
	})
	Publishes(p, restocked, restockedEvent{ItemID: "A", Count: 3})
	return p, &setUps
}
