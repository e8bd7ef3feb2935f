package experiment_test

import (
	"context"
	"io"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"

	"github.com/jubako/jubako/platform/chaos"
	"github.com/jubako/jubako/platform/experiment"
	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/platform/telemetry"
)

// edgeApp answers GET /p with the cohort the request's context carries.
func edgeApp(t *testing.T, active *experiment.Active, rec *experiment.Recorder) *fiber.App {
	otel.SetTextMapPropagator(propagation.NewCompositeTextMapPropagator(propagation.TraceContext{}, propagation.Baggage{}))
	app := fiber.New()
	app.Use(telemetry.HTTP())
	app.Use(experiment.Cohorts(active, rec, func(c *fiber.Ctx) bool { return c.Get(gateway.HeaderForwarded) == "token" }))
	app.Get("/p", func(c *fiber.Ctx) error { return c.SendString(chaos.CohortOf(c.UserContext())) })
	return app
}

func cohortOf(t *testing.T, app *fiber.App, headers ...string) string {
	t.Helper()
	req := httptest.NewRequest("GET", "/p", nil)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := app.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	return string(body)
}

func TestEdgeSplitsGuestsAndTrustsNoOutsideCohort(t *testing.T) {
	r := newRig(t)
	active := experiment.NewActive(r.runner.Store().Redis())
	app := edgeApp(t, active, r.rec)
	guest := func() string { return "jubako_session=guest-" + uuid.NewString() }
	outside := "jubako.cohort=experiment,jubako.experiment=forged"

	if got := cohortOf(t, app, "Cookie", guest()); got != "" {
		t.Fatalf("cohort %q with no experiment running", got)
	}
	if got := cohortOf(t, app, "Baggage", outside); got != "" {
		t.Fatalf("a client's own baggage put it in cohort %q", got)
	}
	d := definition(nil)
	d.Duration = experiment.Duration(time.Minute)
	run, err := r.runner.Start(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	defer r.runner.Stop(context.Background(), run.ID)
	time.Sleep(time.Until(run.Started)) // the split starts once the faults apply everywhere
	cohortOf(t, app)
	time.Sleep(100 * time.Millisecond)

	seen := map[string]int{}
	for range 40 {
		cookie := guest()
		got := cohortOf(t, app, "Cookie", cookie)
		if again := cohortOf(t, app, "Cookie", cookie, "Baggage", "jubako.cohort=control"); again != got {
			t.Fatalf("a guest moved from %q to %q", got, again)
		}
		seen[got]++
	}
	if seen[chaos.CohortControl] == 0 || seen[chaos.CohortExperiment] == 0 || len(seen) != 2 {
		t.Fatalf("cohorts of 40 guests: %v", seen)
	}
	if got := cohortOf(t, app, "Baggage", outside); got != "" {
		t.Fatalf("an anonymous client's baggage put it in cohort %q", got)
	}
	if got := cohortOf(t, app, "Baggage", outside, gateway.HeaderForwarded, "token"); got != chaos.CohortExperiment {
		t.Fatalf("a forwarded request lost its cohort: %q", got)
	}
}
