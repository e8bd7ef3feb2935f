package app

import (
	"slices"
	"testing"

	"github.com/jubako/jubako/modules/orders"
)

func TestProgressInPlainWords(t *testing.T) {
	step := func(name, status string) orders.Step { return orders.Step{Name: name, Status: status} }
	for _, tc := range []struct {
		name string
		log  []orders.Step
		want []Progress
	}{
		{"completed", []orders.Step{step("reserve", "succeeded"), step("charge", "succeeded"), step("ship", "succeeded"),
			step("commit", "succeeded")},
			[]Progress{{"Your items are set aside", StepDone}, {"Your card is charged", StepDone},
				{"Your parcel is booked with the carrier", StepDone}, {"Your order is confirmed", StepDone}}},
		{"declined: the failed charge stays failed", []orders.Step{step("reserve", "succeeded"), step("charge", "failed"),
			step("charge", "compensated"), step("reserve", "compensated")},
			[]Progress{{"Your items are back on the shelf", StepUndone}, {"We could not charge your card", StepFailed}}},
		{"undeliverable: refunded", []orders.Step{step("reserve", "succeeded"), step("charge", "succeeded"), step("ship", "failed"),
			step("charge", "compensated")},
			[]Progress{{"Your items are set aside", StepDone}, {"Your card is refunded", StepUndone}, {"We could not book a parcel", StepFailed}}},
		{"retried, then done", []orders.Step{step("charge", "failed"), step("charge", "succeeded")},
			[]Progress{{"Your card is charged", StepDone}}},
		{"a step it has no words for", []orders.Step{step("gift_wrap", "succeeded"), step("x", "compensation_failed")},
			[]Progress{{"gift wrap (done)", StepDone}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := progressOf(tc.log); !slices.Equal(got, tc.want) {
				t.Errorf("progress\n got %v\nwant %v", got, tc.want)
			}
		})
	}
}
