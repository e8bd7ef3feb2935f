package host

import (
	"net/http"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/chaos"
	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/shared"
)

// mountFaults serves the fault API under /api/admin/faults, for admins:
// add a fault, list the active ones, remove one, halt them all. The faults
// apply in every process of the topology (see package chaos).
func mountFaults(g *gateway.Gateway, f chaos.Faults) {
	g.Describe("admin", faultRoutes...)
	r := g.App.Group("/api/admin/faults", g.RequireAdmin())
	r.Post("", func(c *fiber.Ctx) error {
		var req chaos.Request
		if err := gateway.Bind(c, &req); err != nil {
			return err
		}
		fault, err := req.Fault()
		if err != nil {
			return err
		}
		if fault, err = f.Add(c.UserContext(), fault); err != nil {
			return err
		}
		return c.Status(fiber.StatusCreated).JSON(chaos.ViewOf(fault, time.Now()))
	})
	r.Get("", func(c *fiber.Ctx) error {
		faults, err := f.List(c.UserContext())
		if err != nil {
			return err
		}
		return c.JSON(chaos.ListOf(faults, time.Now()))
	})
	r.Delete("/:id", func(c *fiber.Ctx) error {
		if err := f.Remove(c.UserContext(), c.Params("id")); err != nil {
			return err
		}
		return c.JSON(faultRemoved{Removed: c.Params("id")})
	})
	r.Delete("", func(c *fiber.Ctx) error {
		faults, err := f.List(c.UserContext())
		if err != nil {
			return err
		}
		if err := f.Halt(c.UserContext()); err != nil {
			return err
		}
		return c.JSON(faultsHalted{Halted: len(faults)})
	})
}

type (
	faultRemoved struct {
		Removed string `json:"removed"`
	}
	faultsHalted struct {
		// Halted counts the faults that were active.
		Halted int `json:"halted"`
	}
	faultPath struct {
		ID string `path:"id" description:"the fault's id"`
	}
)

// faultRoutes describes the fault API of mountFaults.
var faultRoutes = forAdmins(
	bus.Route{Method: http.MethodPost, Path: "/api/admin/faults", Summary: "Inject a fault for a while",
		Description: "Latency, an error or an abort, for an endpoint, a topic's deliveries, a module or a route, applied in the process serving it.",
		Body:        chaos.Request{}, Reply: chaos.View{}, Status: http.StatusCreated, Errors: []*shared.Error{shared.ErrInvalid}},
	bus.Route{Method: http.MethodGet, Path: "/api/admin/faults", Summary: "The active faults", Reply: chaos.List{}},
	bus.Route{Method: http.MethodDelete, Path: "/api/admin/faults/{id}", Summary: "End a fault",
		Params: faultPath{}, Reply: faultRemoved{}, Errors: []*shared.Error{shared.ErrNotFound}},
	bus.Route{Method: http.MethodDelete, Path: "/api/admin/faults", Summary: "End every fault", Reply: faultsHalted{}},
)
