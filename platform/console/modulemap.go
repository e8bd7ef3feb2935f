package console

import (
	"math"
	"sort"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/platform/bus"
)

// The map is laid out in an SVG viewBox of mapWidth × mapHeight (the
// shape of the page at 1280 pixels): nodes on an ellipse, the gateway
// (HTTP callers) on top.
const (
	mapWidth, mapHeight    = 1200.0, 600.0
	mapRadiusX, mapRadiusY = 500.0, 240.0
	nodeRadius             = 44.0
	gatewayNode            = "gateway"
)

// mapNode is a module on the map.
type mapNode struct {
	Name   string
	X, Y   float64
	R      float64
	Remote bool
	Color  string
	// Small is set for names too long for the circle's usual font.
	Small bool
}

// mapEdge is traffic from one module to another: endpoint calls, or events
// from the topic's owner to a subscriber.
type mapEdge struct {
	From, To string
	Event    bool
	Rate     float64
	Total    float64
	Errors   float64
	Width    float64
	// Path is the SVG path; LabelX/Y where its rate is written.
	Path           string
	LabelX, LabelY float64
}

// mapData is the module map page.
type mapData struct {
	Width, Height float64
	Nodes         []mapNode
	Edges         []mapEdge
	Flow          flow
}

func (k *Console) moduleMap(*fiber.Ctx) (any, error) {
	reg := k.d.Bus.Registry()
	f := k.traffic.read(time.Now())
	edges := edgesOf(reg, f)
	names := map[string]bool{gatewayNode: true}
	for _, m := range reg.Modules {
		names[m] = true
	}
	for m := range k.d.Remotes {
		names[m] = true
	}
	for _, e := range edges {
		names[e.From], names[e.To] = true, true
	}
	nodes := layout(names, k.d.Remotes, k.colors.of)
	at := map[string]mapNode{}
	for _, n := range nodes {
		at[n.Name] = n
	}
	for i := range edges {
		route(&edges[i], at[edges[i].From], at[edges[i].To])
	}
	return mapData{Width: mapWidth, Height: mapHeight, Nodes: nodes, Edges: edges, Flow: f}, nil
}

// edgesOf merges the bus's traffic by caller → provider (endpoint calls)
// and owner → subscriber (events), with the registry's subscriptions, so
// that a subscription is drawn before any event has flowed. Platform
// topics (saga steps, owned by "jubako") are left out. A module's calls to
// its own endpoints are its HTTP routes' (its transport goes through the
// bus, the rest of it calls its code directly): they are drawn from the
// gateway.
func edgesOf(reg bus.Registry, f flow) []mapEdge {
	owner := map[string]string{}
	for _, t := range reg.Topics {
		owner[t.Name] = t.Module
	}
	type pair struct {
		from, to string
		event    bool
	}
	acc := map[pair]*mapEdge{}
	edge := func(p pair) *mapEdge {
		if acc[p] == nil {
			acc[p] = &mapEdge{From: p.from, To: p.to, Event: p.event}
		}
		return acc[p]
	}
	for _, s := range reg.Subscriptions {
		if o := owner[s.Topic]; o != "" && o != "jubako" && o != s.Module {
			edge(pair{o, s.Module, true})
		}
	}
	for key, total := range f.Total {
		p := pair{key.Caller, key.Module, false}
		switch {
		case key.Kind == "event":
			p = pair{owner[key.Endpoint], key.Module, true}
		case p.from == p.to:
			p.from = gatewayNode
		}
		if p.from == "" || p.from == "jubako" || p.from == p.to {
			continue
		}
		e := edge(p)
		e.Total += total
		e.Rate += f.Rate(f.Delta[key])
		if key.Result != "ok" {
			e.Errors += total
		}
	}
	out := make([]mapEdge, 0, len(acc))
	for _, e := range acc {
		e.Width = 1.2 + math.Min(8, 2.5*math.Log1p(e.Rate*4))
		out = append(out, *e)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].From != out[j].From {
			return out[i].From < out[j].From
		}
		return out[i].To < out[j].To
	})
	return out
}
