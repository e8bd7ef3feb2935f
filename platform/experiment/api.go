package experiment

import (
	"net/http"
	"net/url"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

// Mount serves the experiments' admin API on r, the admin group of
// /api/admin (admins only).
func Mount(r fiber.Router, runner *Runner) {
	s := runner.Store()
	r.Get("/experiments/definitions", func(c *fiber.Ctx) error {
		defs, err := s.Definitions(c.UserContext())
		if err != nil {
			return err
		}
		return c.JSON(definitionList{Definitions: defs})
	})
	r.Put("/experiments/definitions/:name", func(c *fiber.Ctx) error {
		var d Definition
		if err := shared.DecodeJSON(c.Body(), &d); err != nil {
			return err
		}
		if d.Name == "" {
			d.Name = nameParam(c)
		}
		if d.Name != nameParam(c) {
			return shared.Invalid("name", "must be the name in the path, %q", nameParam(c))
		}
		if _, err := runner.Check(d); err != nil {
			return err
		}
		if err := s.SaveDefinition(c.UserContext(), d); err != nil {
			return err
		}
		return c.JSON(d)
	})
	r.Delete("/experiments/definitions/:name", func(c *fiber.Ctx) error {
		if err := s.DeleteDefinition(c.UserContext(), nameParam(c)); err != nil {
			return err
		}
		return c.SendStatus(fiber.StatusNoContent)
	})
	r.Post("/experiments/definitions/:name/start", func(c *fiber.Ctx) error {
		d, err := s.Definition(c.UserContext(), nameParam(c))
		if err != nil {
			return err
		}
		return started(c, runner, d)
	})
	r.Post("/experiments", func(c *fiber.Ctx) error {
		var d Definition
		if err := shared.DecodeJSON(c.Body(), &d); err != nil {
			return err
		}
		return started(c, runner, d)
	})
	r.Get("/experiments", func(c *fiber.Ctx) error {
		p := shared.ParamsOf(c.Queries())
		limit := p.Int("limit", 50, 1, 500)
		if err := p.Err(); err != nil {
			return err
		}
		runs, err := s.List(c.UserContext(), limit)
		if err != nil {
			return err
		}
		return c.JSON(runList{Experiments: runs})
	})
	r.Get("/experiments/:id", func(c *fiber.Ctx) error {
		run, err := s.Get(c.UserContext(), c.Params("id"))
		if err != nil {
			return err
		}
		return c.JSON(run)
	})
	r.Post("/experiments/:id/stop", func(c *fiber.Ctx) error {
		run, err := runner.Stop(c.UserContext(), c.Params("id"))
		if err != nil {
			return err
		}
		return c.JSON(run)
	})
}

func started(c *fiber.Ctx, runner *Runner, d Definition) error {
	run, err := runner.Start(c.UserContext(), d)
	if err != nil {
		return err
	}
	c.Location("/api/admin/experiments/" + run.ID)
	return c.Status(fiber.StatusCreated).JSON(run)
}

type (
	definitionList struct {
		Definitions []Definition `json:"definitions"`
	}
	runList struct {
		Experiments []Run `json:"experiments"`
	}
	runPath struct {
		ID string `path:"id" description:"the run's id"`
	}
	definitionPath struct {
		Name string `path:"name" description:"the saved definition's name"`
	}
	listQuery struct {
		Limit int `query:"limit" minimum:"1" maximum:"500" default:"50"`
	}
)

// Routes describe the admin API of Mount, for the API document.
var Routes = []bus.Route{
	{Method: http.MethodPost, Path: "/api/admin/experiments", Summary: "Start an experiment: split traffic, inject faults into the experiment cohort, judge the hypothesis",
		Description: "One experiment runs at a time in a topology (409 otherwise). The answer is the run; follow it at its Location.",
		Body:        Definition{}, Reply: Run{}, Status: http.StatusCreated, Errors: []*shared.Error{shared.ErrConflict, shared.ErrUnavailable}},
	{Method: http.MethodGet, Path: "/api/admin/experiments", Summary: "Experiment runs, latest first", Params: listQuery{}, Reply: runList{}},
	{Method: http.MethodGet, Path: "/api/admin/experiments/{id}", Summary: "An experiment run: status, verdicts, both cohorts' figures",
		Params: runPath{}, Reply: Run{}, Errors: []*shared.Error{shared.ErrNotFound}},
	{Method: http.MethodPost, Path: "/api/admin/experiments/{id}/stop", Summary: "Abort a run by hand: its faults end at once",
		Params: runPath{}, Reply: Run{}, Errors: []*shared.Error{shared.ErrNotFound, shared.ErrConflict}},
	{Method: http.MethodGet, Path: "/api/admin/experiments/definitions", Summary: "Saved experiment definitions, by name", Reply: definitionList{}},
	{Method: http.MethodPut, Path: "/api/admin/experiments/definitions/{name}", Summary: "Save a definition under its name (checked, not started)",
		Params: definitionPath{}, Body: Definition{}, Reply: Definition{}},
	{Method: http.MethodDelete, Path: "/api/admin/experiments/definitions/{name}", Summary: "Remove a saved definition",
		Params: definitionPath{}, Status: http.StatusNoContent, Errors: []*shared.Error{shared.ErrNotFound}},
	{Method: http.MethodPost, Path: "/api/admin/experiments/definitions/{name}/start", Summary: "Start a saved definition",
		Params: definitionPath{}, Reply: Run{}, Status: http.StatusCreated, Errors: []*shared.Error{shared.ErrNotFound, shared.ErrConflict, shared.ErrUnavailable}},
}

// nameParam is the definition's name in the path, unescaped ("a%20b").
func nameParam(c *fiber.Ctx) string {
	name, err := url.PathUnescape(c.Params("name"))
	if err != nil {
		return c.Params("name")
	}
	return name
}
