package host

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/platform/resilience"
	"github.com/jubako/jubako/shared"
)

// The answers and bodies of the resilience part of the admin API.
type (
	// registryReply is the bus's registry with each endpoint's effective
	// policy, and the edges' policies that differ.
	registryReply struct {
		Modules       []string                    `json:"modules"`
		Endpoints     []bus.EndpointEntry         `json:"endpoints"`
		Topics        []bus.TopicEntry            `json:"topics"`
		Subscriptions []bus.SubscriptionEntry     `json:"subscriptions"`
		Policies      []resilience.EndpointPolicy `json:"policies"`
	}
	breakerList struct {
		Breakers []resilience.Breaker `json:"breakers"`
	}
	forceBody struct {
		Endpoint string `json:"endpoint" required:"true" description:"the endpoint: <module>.<Name>"`
		Caller   string `json:"caller,omitempty" description:"the calling module of an edge with a policy of its own; empty for the endpoint's breaker"`
		State    string `json:"state" required:"true" enum:"open,closed,auto" description:"open or closed until auto again"`
	}
)

// breakerRoutes describes mountBreakers.
var breakerRoutes = forAdmins(
	bus.Route{Method: http.MethodGet, Path: "/api/admin/registry", Summary: "Modules, endpoints with their resilience policies, topics, subscriptions", Reply: registryReply{}},
	bus.Route{Method: http.MethodGet, Path: "/api/admin/breakers", Summary: "Circuit breakers in use here: state, counts, last good replies",
		Description: "One per endpoint called from this process, and one per caller→endpoint edge with a policy of its own.", Reply: breakerList{}},
	bus.Route{Method: http.MethodPost, Path: "/api/admin/breakers/force", Summary: "Force a breaker open or closed, or give it back to the calls",
		Body: forceBody{}, Reply: resilience.Breaker{}, Errors: []*shared.Error{resilience.ErrNoBreaker, shared.ErrInvalid}},
)

// mountBreakers serves the registry with its policies and the breakers.
func mountBreakers(g *gateway.Gateway, b *bus.Bus, res *resilience.Resilience) {
	g.Describe("admin", breakerRoutes...)
	r := g.App.Group("/api/admin", g.RequireAdmin())
	r.Get("/registry", func(c *fiber.Ctx) error {
		reg := b.Registry()
		return c.JSON(registryReply{
			Modules: reg.Modules, Endpoints: reg.Endpoints, Topics: reg.Topics, Subscriptions: reg.Subscriptions,
			Policies: res.Policies(reg),
		})
	})
	r.Get("/breakers", func(c *fiber.Ctx) error {
		return c.JSON(breakerList{Breakers: res.Breakers()})
	})
	r.Post("/breakers/force", func(c *fiber.Ctx) error {
		var body forceBody
		if err := shared.DecodeJSON(c.Body(), &body); err != nil {
			return err
		}
		br, err := res.Force(body.Endpoint, body.Caller, body.State)
		if err != nil {
			return err
		}
		return c.JSON(br)
	})
}
