package gateway

import (
	"cmp"
	"fmt"
	"maps"
	"net/http"
	"regexp"
	"slices"

	"github.com/swaggest/openapi-go"
	"github.com/swaggest/openapi-go/openapi31"

	"github.com/jubako/jubako/platform/bus"
)

// addOperation describes one route: its parameters, body and reply as
// reflected from their types, who may call it, and every answer it may
// give — its own errors and the edge's.
func (g *Gateway) addOperation(r *openapi31.Reflector, tag string, rt bus.Route) error {
	oc, err := r.NewOperationContext(rt.Method, rt.Path)
	if err != nil {
		return err
	}
	oc.SetTags(tag)
	oc.SetSummary(rt.Summary)
	if d := describeAccess(rt); d != "" {
		oc.SetDescription(d)
	}
	op := oc.(openapi31.OperationExposer).Operation()
	op.Security = security(rt.Access)
	op.Parameters = append(op.Parameters, paramRef(paramRequestID))
	if rt.IdempotencyKey {
		op.Parameters = append(op.Parameters, paramRef(paramIdempotencyKey))
	}
	if rt.Params != nil {
		oc.AddReqStructure(rt.Params)
	}
	if rt.Body != nil {
		oc.AddReqStructure(rt.Body, openapi.WithCustomize(func(cor openapi.ContentOrReference) {
			cor.(*openapi31.RequestBodyOrReference).RequestBody.WithRequired(true)
		}))
	}
	success := cmp.Or(rt.Status, http.StatusOK)
	oc.AddRespStructure(rt.Reply, openapi.WithHTTPStatus(success),
		openapi.WithCustomize(g.withHeaders(g.successHeaders(rt)...)))
	answers := errorAnswers(rt)
	for _, status := range slices.Sorted(maps.Keys(answers)) {
		headers := g.edgeHeaders()
		if status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable {
			headers = append(headers, headerRetryAfter)
		}
		oc.AddRespStructure(ErrorBody{}, openapi.WithHTTPStatus(status),
			func(cu *openapi.ContentUnit) { cu.Description = answers[status] },
			openapi.WithCustomize(g.withHeaders(headers...)))
	}
	return r.AddOperation(oc)
}

// describeAccess is the route's description, with who may call it.
func describeAccess(rt bus.Route) string {
	switch rt.Access {
	case bus.Users:
		return join("Users only: 401 without a bearer token.", rt.Description)
	case bus.Admins:
		return join("Admins only: 401 without a token, 403 for customers.", rt.Description)
	}
	return rt.Description
}

func join(a, b string) string {
	if b == "" {
		return a
	}
	return a + " " + b
}

// security is a route's requirement: a bearer token, or for routes open to
// anyone nothing, a token or a guest session.
func security(a bus.Access) []map[string][]string {
	bearer := map[string][]string{securityBearer: {}}
	if a == bus.Anyone {
		return []map[string][]string{{}, bearer, {securityGuest: {}}}
	}
	return []map[string][]string{bearer}
}

// successHeaders are the headers of a route's answer of success: the
// edge's, and X-Cache when the response cache keeps its answers.
func (g *Gateway) successHeaders(rt bus.Route) []string {
	headers := g.edgeHeaders()
	if _, cached := g.responses.rule(fiberPath(rt.Path)); cached && rt.Method == http.MethodGet {
		headers = append(headers, headerCache)
	}
	return headers
}

var pathParam = regexp.MustCompile(`\{(\w+)\}`)

// fiberPath turns an OpenAPI path into fiber's pattern: {id} into :id.
func fiberPath(path string) string { return pathParam.ReplaceAllString(path, ":$1") }

// errorAnswers describes, by status, the errors a route may answer: those
// of the edge and the route's own, with their reasons.
func errorAnswers(rt bus.Route) map[int]string {
	out := edgeErrors(rt)
	for _, e := range rt.Errors {
		status := e.Code.HTTPStatus()
		line := string(e.Code)
		if e.Reason != "" {
			line = fmt.Sprintf("%s (reason %s)", line, e.Reason)
		}
		if e.Message != "" {
			line += ": " + e.Message
		}
		if out[status] != "" {
			line = out[status] + "; " + line
		}
		out[status] = line
	}
	return out
}
