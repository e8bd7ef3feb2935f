package console

import (
	"sort"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/chaos"
	"github.com/jubako/jubako/shared"
)

var errNoFaults = shared.Errorf(shared.CodeUnavailable, "this process has no fault store")

// faultsData is the faults page: the active faults, and what the form
// offers.
type faultsData struct {
	Faults []chaos.View
	// Targets are the endpoints, topics, modules and routes this process
	// knows, suggested by the form's target field.
	Targets []string
	Codes   []any
}

func (k *Console) faultList(c *fiber.Ctx) (any, error) {
	if k.d.Faults == nil {
		return nil, errNoFaults
	}
	faults, err := k.d.Faults.List(c.UserContext())
	if err != nil {
		return nil, err
	}
	return faultsData{Faults: chaos.ListOf(faults, time.Now()).Faults, Targets: k.faultTargets(), Codes: shared.Code("").Enum()}, nil
}

// faultTargets lists what a fault may name, for the form's suggestions.
func (k *Console) faultTargets() []string {
	seen := map[string]bool{}
	if k.d.Bus != nil {
		r := k.d.Bus.Registry()
		for _, e := range r.Endpoints {
			seen[e.Name], seen[e.Module] = true, true
		}
		for _, t := range r.Topics {
			seen[t.Name] = true
		}
	}
	for _, m := range bus.DescribedModules() {
		for _, r := range bus.RoutesOf(m) {
			seen[r.Method+" "+r.Path] = true
		}
	}
	out := make([]string, 0, len(seen))
	for t := range seen {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// addFault injects the fault the form describes.
func (k *Console) addFault(c *fiber.Ctx) error {
	f, err := faultForm(c)
	if err == nil && k.d.Faults == nil {
		err = errNoFaults
	}
	if err == nil {
		f, err = k.d.Faults.Add(c.UserContext(), f)
	}
	k.audit(c, "inject fault", err, "target", f.Target, "kind", f.Kind, "fault", f.ID)
	return k.acted(c, err, "Injected "+f.Kind+" on "+f.Target+" for "+f.TTL.String()+".")
}

// faultForm reads the form's fields as the API's body.
func faultForm(c *fiber.Ctx) (chaos.Fault, error) {
	r := chaos.Request{Target: c.FormValue("target"), Kind: c.FormValue("kind"), Latency: c.FormValue("latency"),
		Jitter: c.FormValue("jitter"), Cohort: c.FormValue("cohort"), TTL: c.FormValue("ttl")}
	if r.Kind == chaos.KindError {
		r.Code = c.FormValue("code")
	}
	if r.Kind != chaos.KindLatency {
		r.Latency, r.Jitter = "", ""
	}
	if v := c.FormValue("percent"); v != "" {
		p, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return chaos.Fault{}, shared.Invalid("percent", "not a number: %q", v)
		}
		r.Percent = &p
	}
	return r.Fault()
}

func (k *Console) removeFault(c *fiber.Ctx) error {
	var err error = errNoFaults
	if k.d.Faults != nil {
		err = k.d.Faults.Remove(c.UserContext(), c.Params("id"))
	}
	k.audit(c, "remove fault", err, "fault", c.Params("id"))
	return k.acted(c, err, "Fault "+c.Params("id")+" ended.")
}

func (k *Console) haltFaults(c *fiber.Ctx) error {
	var err error = errNoFaults
	if k.d.Faults != nil {
		err = k.d.Faults.Halt(c.UserContext())
	}
	k.audit(c, "halt faults", err)
	return k.acted(c, err, "Every fault ended.")
}
