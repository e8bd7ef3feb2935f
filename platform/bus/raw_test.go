package bus_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/jubako/jubako/platform/bus"
)

func TestConsumeRawDeliversThePayloadUndecoded(t *testing.T) {
	b := bus.New()
	var got []string
	b.ConsumeRaw("calc.computed.v1", "cache", func(_ context.Context, payload json.RawMessage) error {
		got = append(got, string(payload))
		return nil
	})
	ctx := context.Background()
	for _, tc := range []struct {
		name, payload string
		poison        bool
	}{
		{"an event", `{"Sum":3}`, false},
		{"not JSON", `{"Sum":`, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := b.Deliver(ctx, &bus.Delivery{MessageID: tc.name, Topic: "calc.computed.v1", Queue: "cache", Payload: []byte(tc.payload)})
			if errors.Is(err, bus.ErrPoison) != tc.poison || (!tc.poison && err != nil) {
				t.Errorf("deliver %s: %v, want poison %v", tc.payload, err, tc.poison)
			}
		})
	}
	if len(got) != 1 || got[0] != `{"Sum":3}` {
		t.Errorf("handled %q, want the one JSON payload as sent", got)
	}
	subs := b.Subscriptions()
	if len(subs) != 1 || subs[0].Topic != "calc.computed.v1" || subs[0].Queue != "cache" {
		t.Errorf("subscriptions = %+v, want cache on calc.computed.v1", subs)
	}
}
