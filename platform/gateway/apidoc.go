package gateway

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/platform/bus"
)

// APIInfo heads the API document.
type APIInfo struct {
	Title, Version, Description string
}

// apiDoc is the OpenAPI document a process serves: its parts while wiring,
// the JSON once built at Start.
type apiDoc struct {
	info     APIInfo
	sections []apiSection
	json     []byte
	// built is closed once the document is built (err says how).
	once  sync.Once
	built chan struct{}
	err   error
}

// apiSection is routes under one tag: a module's, or the process's own.
type apiSection struct {
	tag    string
	routes []bus.Route
}

// document is the shape of the API document, for its own description.
type document struct {
	OpenAPI    string         `json:"openapi"`
	Info       map[string]any `json:"info"`
	Paths      map[string]any `json:"paths"`
	Components map[string]any `json:"components"`
}

// Describe adds routes this process serves itself — not a module's, which
// contracts declare with bus.Routes — to the API document, under tag.
// Call it while wiring, beside the routes' mounting.
func (g *Gateway) Describe(tag string, routes ...bus.Route) {
	g.api.sections = append(g.api.sections, apiSection{tag: tag, routes: routes})
}

// ServeAPI answers GET path with the OpenAPI 3.1 document of the routes
// described with Describe and of every module this process serves or
// forwards (bus.RoutesOf), schemas reflected from their Go types. The
// document is built at Start: a description the reflector cannot turn
// into OpenAPI stops the process.
func (g *Gateway) ServeAPI(path string, info APIInfo) {
	g.api.info = info
	g.Describe("meta", bus.Route{
		Method: http.MethodGet, Path: path, Summary: "This document: every public route, OpenAPI 3.1",
		Reply: document{},
	})
	g.App.Get(path, func(c *fiber.Ctx) error {
		c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
		return c.Send(g.api.json)
	})
}

// buildAPI turns the descriptions into the document, when one is served.
// PrepareAPI starts building the API document in the background, so that
// the reflection it takes overlaps the rest of a process's start; Start
// waits for it. Calling it again, or not at all, is fine.
func (g *Gateway) PrepareAPI() {
	g.api.once.Do(func() {
		g.api.built = make(chan struct{})
		go func() {
			defer close(g.api.built)
			g.api.err = g.buildAPI()
		}()
	})
}

// awaitAPI returns once the document is built, with the error it had.
func (g *Gateway) awaitAPI() error {
	g.PrepareAPI()
	<-g.api.built
	return g.api.err
}

func (g *Gateway) buildAPI() error {
	if g.api.info.Title == "" {
		return nil
	}
	sections := g.api.sections
	for _, m := range bus.DescribedModules() {
		if g.bus.Reaches(m) {
			sections = append(sections, apiSection{tag: m, routes: bus.RoutesOf(m)})
		}
	}
	r := g.newAPIReflector()
	for _, s := range sections {
		for _, rt := range s.routes {
			if err := g.addOperation(r, s.tag, rt); err != nil {
				return fmt.Errorf("%s %s: %w", rt.Method, rt.Path, err)
			}
		}
	}
	raw, err := r.Spec.MarshalJSON()
	if err != nil {
		return err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, raw, "", "  "); err != nil {
		return err
	}
	g.api.json = out.Bytes()
	return nil
}
