package experiment

import (
	"errors"
	"html/template"
	"net/url"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/platform/console"
	"github.com/jubako/jubako/shared"
)

// Panel is the console's "Experiments" page: the saved definitions, each
// with a button that starts it; the runs, latest first; and one run's
// report — live while it runs — with both cohorts' figures charted side by
// side for each hypothesis line.
func Panel(runner *Runner) console.Panel {
	return console.Panel{Module: "experiments", Title: "Experiments", Path: "experiments", Handler: func(c *fiber.Ctx) error {
		switch c.Method() {
		case fiber.MethodPost:
			return panelAction(c, runner)
		case fiber.MethodGet:
			return panelPage(c, runner)
		}
		return fiber.ErrMethodNotAllowed
	}}
}

func panelPage(c *fiber.Ctx, runner *Runner) error {
	ctx := c.UserContext()
	s := runner.Store()
	var v panelView
	var err error
	if v.Definitions, err = s.Definitions(ctx); err != nil {
		return err
	}
	if v.Runs, err = s.List(ctx, 20); err != nil {
		return err
	}
	id := c.Query("id")
	if id == "" && len(v.Runs) > 0 {
		id = v.Runs[0].ID
	}
	if id != "" {
		run, err := s.Get(ctx, id)
		if err != nil && !errors.Is(err, shared.ErrNotFound) {
			return err
		}
		if err == nil {
			v.Run = newReport(run)
		}
	}
	v.Error = c.Query("error")
	c.Type("html", "utf-8")
	return panelTemplate.Execute(c, v)
}

// panelAction starts a saved definition or stops a run, then sends the
// browser (htmx follows HX-Redirect) to the run's report, or back with
// the error.
func panelAction(c *fiber.Ctx, runner *Runner) error {
	ctx := c.UserContext()
	var run Run
	var err error
	switch c.Params("*") {
	case "experiments/start":
		var d Definition
		if d, err = runner.Store().Definition(ctx, c.Query("name")); err == nil {
			run, err = runner.Start(ctx, d)
		}
	case "experiments/stop":
		run, err = runner.Stop(ctx, c.Query("id"))
	default:
		return fiber.ErrNotFound
	}
	target := "/admin/panels/experiments?id=" + url.QueryEscape(run.ID)
	if err != nil {
		target = "/admin/panels/experiments?error=" + url.QueryEscape(shared.AsError(err).Message)
	}
	c.Set("HX-Redirect", target)
	return c.SendStatus(fiber.StatusNoContent)
}

type panelView struct {
	Definitions []Definition
	Runs        []Run
	Run         *report
	Error       string
}

// panelTemplate uses the console's stylesheet classes; the report polls
// every second while its run goes on.
var panelTemplate = template.Must(template.New("experiments").Funcs(template.FuncMap{
	"badge": badge, "pct": pct, "figure": figureText, "when": when, "deviation": deviationText,
}).Parse(panelHTML))
