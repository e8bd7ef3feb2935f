package bus_test

import (
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/jubako/jubako/platform/bus"
)

func TestStaleAnswersAreRecordedOncePerEndpointAndRoundTripTheHeader(t *testing.T) {
	if bus.StaleOf(t.Context()) != nil {
		t.Error("a context nobody tracks has stale answers")
	}
	bus.MarkStale(t.Context(), "calc.Add", time.Second) // no recorder: nothing happens

	ctx := bus.TrackStale(t.Context())
	var wg sync.WaitGroup
	for _, s := range []bus.Stale{{"calc.Add", 3 * time.Second}, {"calc.Add", 12 * time.Second}, {"calc.Mul", 1500 * time.Millisecond}} {
		wg.Go(func() { bus.MarkStale(ctx, s.Endpoint, s.Age) })
	}
	wg.Wait()
	got := bus.StaleOf(ctx)
	if len(got) != 2 || bus.StaleEndpoints(ctx) == nil {
		t.Fatalf("stale answers %v, want calc.Add and calc.Mul once each", got)
	}
	header := bus.FormatStale([]bus.Stale{{"calc.Add", 12 * time.Second}, {"calc.Mul", 1500 * time.Millisecond}})
	if header != "calc.Add;age=12s, calc.Mul;age=2s" {
		t.Errorf("header %q", header)
	}
	if back := bus.ParseStale(header); !reflect.DeepEqual(back, []bus.Stale{{"calc.Add", 12 * time.Second}, {"calc.Mul", 2 * time.Second}}) {
		t.Errorf("parsed back %v", back)
	}
	for _, s := range got {
		if s.Endpoint == "calc.Add" && s.Age != 12*time.Second {
			t.Errorf("calc.Add is recorded %s old, want its oldest answer's 12s", s.Age)
		}
	}
}
