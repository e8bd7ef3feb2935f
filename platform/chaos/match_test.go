package chaos_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/chaos"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// TestFaultsHitTheirTargetOnly: an endpoint's fault fails that endpoint,
// a module's every endpoint of the module, a topic's its deliveries; the
// rest runs.
func TestFaultsHitTheirTargetOnly(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := newProcess(t, redisURL(t, be))
		ctx := context.Background()
		for _, tc := range []struct {
			target                      string
			charge, refund, deliveryHit bool
		}{
			{target: "pay.Charge", charge: true},
			{target: "pay", charge: true, refund: true},
			{target: "pay.charged.v1", deliveryHit: true},
		} {
			t.Run(tc.target, func(t *testing.T) {
				f := p.add(t, errorFault(tc.target))
				defer func() { _ = p.store.Remove(ctx, f.ID) }()
				_, refundErr := refund.Call(ctx, p.bus, chargeRequest{})
				for what, got := range map[string]struct {
					err  error
					want bool
				}{
					"pay.Charge":     {p.charge(ctx), tc.charge},
					"pay.Refund":     {refundErr, tc.refund},
					"pay.charged.v1": {p.deliver(ctx, "m1"), tc.deliveryHit},
				} {
					if injected(got.err) != got.want {
						t.Errorf("%s: error %v, want injected=%v", what, got.err, got.want)
					}
				}
			})
		}
	})
}

// TestFaultsHitTheirCohortAndShare: an experiment's fault spares the
// requests outside the experiment; a fault for all hits everybody; a share
// of 0 % hits nothing, 50 % about half.
func TestFaultsHitTheirCohortAndShare(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := newProcess(t, redisURL(t, be))
		ctx := context.Background()

		f := errorFault("pay.Charge")
		f.Cohort = chaos.CohortExperiment
		added := p.add(t, f)
		if err := p.charge(ctx); err != nil {
			t.Errorf("a request outside the experiment failed: %v", err)
		}
		if err := p.charge(chaos.WithCohort(ctx, chaos.CohortControl)); err != nil {
			t.Errorf("a control request failed: %v", err)
		}
		if err := p.charge(experiment(ctx)); !injected(err) {
			t.Errorf("an experiment's request: error %v, want the injected one", err)
		}
		_ = p.store.Remove(ctx, added.ID)

		f = errorFault("pay.Charge")
		f.Percent = 0
		added = p.add(t, f)
		if err := p.charge(experiment(ctx)); err != nil {
			t.Errorf("a fault for 0%% of the calls hit: %v", err)
		}
		_ = p.store.Remove(ctx, added.ID)

		f.Percent = 50
		p.add(t, f)
		hit := 0
		for range 400 {
			if p.charge(ctx) != nil {
				hit++
			}
		}
		if hit < 140 || hit > 260 {
			t.Errorf("a fault for 50%% hit %d calls of 400", hit)
		}
	})
}

// TestCallsToAnotherProcessAreLeftToIt: a process calling pay in another
// process does not apply pay's fault itself — pay's process does.
func TestCallsToAnotherProcessAreLeftToIt(t *testing.T) {
	p := newProcess(t, redisURL(t, testkit.SQLite(t)))
	p.bus.Route("ship", transportFunc(func(context.Context) error { return nil }))
	p.add(t, errorFault("ship.Send"))
	if _, err := ship.Call(context.Background(), p.bus, chargeRequest{}); err != nil {
		t.Fatalf("a call sent to ship's process failed here: %v", err)
	}
}

type transportFunc func(ctx context.Context) error

func (f transportFunc) Invoke(ctx context.Context, _ *bus.Call) error { return f(ctx) }

func injected(err error) bool {
	var e *shared.Error
	return errors.As(err, &e) && e.Reason == chaos.ReasonInjected && strings.Contains(e.Message, "fault injected")
}
