package console

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/platform/resilience"
	"github.com/jubako/jubako/shared"
)

// breakerRow is one breaker as the console shows it.
type breakerRow struct {
	resilience.Breaker
	ReopensIn, OldestGood, NewestGood time.Duration
}

// breakersData is the breakers page: every breaker in use in this process.
type breakersData struct {
	Breakers []breakerRow
}

func (k *Console) breakerList(*fiber.Ctx) (any, error) {
	if k.d.Resilience == nil {
		return breakersData{}, nil
	}
	var d breakersData
	for _, b := range k.d.Resilience.Breakers() {
		row := breakerRow{Breaker: b, ReopensIn: time.Duration(b.ReopensInMs) * time.Millisecond}
		if g := b.LastGood; g != nil {
			row.OldestGood = time.Duration(g.OldestAgeMs) * time.Millisecond
			row.NewestGood = time.Duration(g.NewestAgeMs) * time.Millisecond
		}
		d.Breakers = append(d.Breakers, row)
	}
	return d, nil
}

// forceBreaker forces a breaker open or closed, or gives it back to the
// calls (state "auto").
func (k *Console) forceBreaker(c *fiber.Ctx) error {
	endpoint, caller, state := c.FormValue("endpoint"), c.FormValue("caller"), c.FormValue("state")
	var err error
	if k.d.Resilience == nil {
		err = shared.Errorf(shared.CodeNotFound, "no breakers in this process")
	} else {
		_, err = k.d.Resilience.Force(endpoint, caller, state)
	}
	k.audit(c, "force breaker", err, "endpoint", endpoint, "caller", caller, "state", state)
	who := endpoint
	if caller != "" {
		who = caller + " → " + endpoint
	}
	return k.acted(c, err, "The breaker of "+who+" is "+forcedText(state)+".")
}

func forcedText(state string) string {
	if state == "auto" {
		return "back to following the calls"
	}
	return "forced " + state
}
