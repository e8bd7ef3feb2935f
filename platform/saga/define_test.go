package saga_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/jubako/jubako/platform/saga"
	"github.com/jubako/jubako/platform/testkit"
)

func TestDefineRejectsDefinitionsItCannotRun(t *testing.T) {
	e := saga.NewEngine(saga.Defaults(), nil, nil, testkit.Logger(t))
	do := func(context.Context, *trip, string) error { return nil }
	same := func(raw json.RawMessage) (json.RawMessage, error) { return raw, nil }
	for _, tc := range []struct {
		name string
		def  saga.Definition[trip]
		want string
	}{
		{"no steps", saga.Definition[trip]{Name: "t"}, "saga t: no steps"},
		{"a step without Do", saga.Definition[trip]{Name: "t", Steps: []saga.Step[trip]{{Name: "a"}}}, "saga t: step a has no Do"},
		{"a rename onto another step's ID", saga.Definition[trip]{Name: "t", Steps: []saga.Step[trip]{{Name: "charge", Do: do}, {ID: "charge", Name: "payment", Do: do}}},
			`saga t: two steps have the ID "charge"`},
		{"an upgrade from the current version", saga.Definition[trip]{Name: "t", Version: 2, Steps: []saga.Step[trip]{{Name: "a", Do: do}},
			Upgrade: map[int]func(json.RawMessage) (json.RawMessage, error){2: same}}, "saga t: an upgrade from version 2, which is not older than version 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if got := recover(); got != tc.want {
					t.Errorf("Define panicked with %v, want %q", got, tc.want)
				}
			}()
			saga.Define(e, tc.def)
		})
	}
}
