package host

import (
	"context"
	"encoding/json"
	"net/url"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"

	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/platform/remote"
	"github.com/jubako/jubako/platform/telemetry"
	"github.com/jubako/jubako/shared"
)

// mountTraces serves the spans this process recorded, for the console:
// GET /api/admin/traces?route=&failed=true&min=250ms and
// GET /api/admin/traces/{id}. A trace's spans are gathered from the
// processes of remote modules too (?local=true asks one process only), so
// a checkout that crossed processes still reads as one trace.
func mountTraces(g *gateway.Gateway, t *telemetry.Telemetry, urls remoteURLs) {
	r := g.App.Group("/api/admin/traces", g.RequireAdmin())
	everywhere := traceFinder(t, urls)
	r.Get("/", func(c *fiber.Ctx) error {
		f, err := telemetry.ParseFilter(c.Queries())
		if err != nil {
			return err
		}
		return c.JSON(traceList{Traces: orEmpty(t.Ring.Find(f))})
	})
	r.Get("/:id", func(c *fiber.Ctx) error {
		spans := t.Ring.Trace(c.Params("id"))
		if !c.QueryBool("local") {
			spans = everywhere(c.UserContext(), c.Params("id"), c.Get(fiber.HeaderAuthorization))
		}
		if len(spans) == 0 {
			return shared.Errorf(shared.CodeNotFound, "no trace %q in memory", c.Params("id"))
		}
		return c.JSON(traceReply{Summary: telemetry.Summarize(spans), Spans: spans})
	})
}

// traceFinder returns a trace's spans from this process and from the
// processes of remote modules, asked with the caller's authorization.
func traceFinder(t *telemetry.Telemetry, urls remoteURLs) func(context.Context, string, string) []telemetry.Span {
	return func(_ context.Context, id, authorization string) []telemetry.Span {
		return append(t.Ring.Trace(id), urls.spans(id, authorization)...)
	}
}

// spans asks every remote module's process for its spans of the trace.
func (urls remoteURLs) spans(traceID, authorization string) []telemetry.Span {
	client := remote.NewClient()
	seen := map[string]bool{}
	var out []telemetry.Span
	for _, base := range urls {
		if seen[base] {
			continue
		}
		seen[base] = true
		req, res := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
		req.SetRequestURI(base + "/api/admin/traces/" + url.PathEscape(traceID) + "?local=true")
		req.Header.Set(fiber.HeaderAuthorization, authorization)
		var body traceReply
		if client.DoTimeout(req, res, 2*time.Second) == nil && res.StatusCode() == fiber.StatusOK &&
			json.Unmarshal(res.Body(), &body) == nil {
			out = append(out, body.Spans...)
		}
		fasthttp.ReleaseRequest(req)
		fasthttp.ReleaseResponse(res)
	}
	return out
}
