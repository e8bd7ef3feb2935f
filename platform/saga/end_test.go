package saga_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"go.opentelemetry.io/otel/baggage"
	"go.uber.org/fx"
	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/saga"
	"github.com/jubako/jubako/platform/testkit"
)

// ended records what the engine's end hooks learn: per saga id carried in
// the baggage, the saga's name and status.
type ended struct {
	mu   sync.Mutex
	seen map[string]string
}

func (en *ended) module(*travel) fx.Option {
	return fx.Invoke(func(e *saga.Engine) {
		e.OnEnd(func(ctx context.Context, name, status string) {
			en.mu.Lock()
			defer en.mu.Unlock()
			en.seen[baggage.FromContext(ctx).Member("trip").Value()] += name + " " + status + ";"
		})
	})
}

func (en *ended) of(trip string) string {
	en.mu.Lock()
	defer en.mu.Unlock()
	return en.seen[trip]
}

// TestEndHooksSeeTheStartersBaggage: a saga that completes and one that is
// cancelled — after retries carried by asynq — each call the end hooks
// once, with the baggage of the context that started the saga.
func TestEndHooksSeeTheStartersBaggage(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		en := &ended{seen: map[string]string{}}
		e := start(t, be, nil, en.module)
		startWithBaggage(t, e, "completes")
		e.wait(t, "completes", saga.StatusCompleted, false)
		e.tr.fail("travel.Charge", -1, errDown)
		startWithBaggage(t, e, "cancelled")
		e.wait(t, "cancelled", saga.StatusCancelled, false)
		testkit.Eventually(t, 5*time.Second, func() bool {
			return en.of("completes") == "trip COMPLETED;" && en.of("cancelled") == "trip CANCELLED;"
		}, func() string { return "hooks saw " + en.of("completes") + " and " + en.of("cancelled") })
	})
}

func startWithBaggage(t *testing.T, e *env, id string) {
	t.Helper()
	m, _ := baggage.NewMemberRaw("trip", id)
	bag, _ := baggage.New(m)
	ctx := baggage.ContextWithBaggage(context.Background(), bag)
	if err := e.p.DB.Transact(ctx, func(tx *gorm.DB) error { return e.sg.Start(ctx, tx, id, trip{Traveller: "ada"}) }); err != nil {
		t.Fatal(err)
	}
}
