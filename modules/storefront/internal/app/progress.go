package app

import (
	"strings"

	"github.com/jubako/jubako/modules/orders"
)

// Progress is a step of a checkout in its customer's words. State is
// StepDone, StepFailed or StepUndone (done, then compensated).
type Progress struct {
	Label string
	State string
}

// Progress states.
const (
	StepDone   = "done"
	StepFailed = "failed"
	StepUndone = "undone"
)

// stepWords name the checkout's steps in each state.
var stepWords = map[string]map[string]string{
	"reserve": {StepDone: "Your items are set aside", StepFailed: "We could not set your items aside",
		StepUndone: "Your items are back on the shelf"},
	"charge": {StepDone: "Your card is charged", StepFailed: "We could not charge your card",
		StepUndone: "Your card is refunded"},
	"ship": {StepDone: "Your parcel is booked with the carrier", StepFailed: "We could not book a parcel",
		StepUndone: "The parcel is cancelled"},
	"commit":     {StepDone: "Your order is confirmed"},
	"empty_cart": {StepDone: "Your cart is emptied"},
	"confirm":    {StepDone: "A confirmation is mailed to you"},
}

// logStates map the step log's statuses to progress states.
var logStates = map[string]string{"succeeded": StepDone, "failed": StepFailed, "compensated": StepUndone}

// progressOf reads the checkout's step log: each step once, in the order
// it first ran, in its latest state — but a step that failed stays
// failed: compensating it undid nothing.
func progressOf(steps []orders.Step) []Progress {
	var out []Progress
	at := map[string]int{}
	for _, st := range steps {
		state := logStates[st.Status]
		if state == "" {
			continue
		}
		i, seen := at[st.Name]
		switch {
		case !seen:
			at[st.Name], i = len(out), len(out)
			out = append(out, Progress{})
		case out[i].State == StepFailed && state == StepUndone:
			continue
		}
		out[i] = Progress{Label: stepLabel(st.Name, state), State: state}
	}
	return out
}

// stepLabel names a step in a state; a step it has no words for is named
// as the log names it.
func stepLabel(name, state string) string {
	if label := stepWords[name][state]; label != "" {
		return label
	}
	return strings.ReplaceAll(name, "_", " ") + " (" + state + ")"
}
