package outbox_test

import (
	"context"
	"testing"
	"time"

	"go.opentelemetry.io/otel/baggage"
	"go.uber.org/fx"
	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/host"
	"github.com/jubako/jubako/platform/testkit"
)

type carried struct{}

var carriedTopic = bus.Topic[carried]("carrier.carried.v1")

// TestBaggageReachesTheSubscriber: the publisher's baggage (an
// experiment's cohort, say) is in the context of the handler, on the fast
// path in memory as through asynq.
func TestBaggageReachesTheSubscriber(t *testing.T) {
	seen := make(chan string, 1)
	p := testkit.Start(t, testkit.SQLite(t), nil, host.Module("carrier", fx.Invoke(func(b *bus.Bus) {
		carriedTopic.Consume(b, "carrier", func(ctx context.Context, _ carried) error {
			seen <- baggage.FromContext(ctx).Member("jubako.cohort").Value()
			return nil
		})
	})))
	m, _ := baggage.NewMemberRaw("jubako.cohort", "experiment")
	bag, _ := baggage.New(m)
	ctx := baggage.ContextWithBaggage(context.Background(), bag)
	if err := p.DB.Transact(ctx, func(tx *gorm.DB) error { return carriedTopic.Publish(ctx, tx, carried{}) }); err != nil {
		t.Fatal(err)
	}
	select {
	case got := <-seen:
		if got != "experiment" {
			t.Errorf("the handler's baggage has cohort %q, want experiment", got)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the event was not handled")
	}
}
