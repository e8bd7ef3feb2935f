package gateway

import (
	"net/http"

	"github.com/gofiber/fiber/v2"
	"github.com/swaggest/openapi-go"
	"github.com/swaggest/openapi-go/openapi31"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/telemetry"
)

// Names of the edge's components in the API document.
const (
	securityBearer      = "bearer"
	securityGuest       = "guestSession"
	paramRequestID      = "RequestID"
	paramIdempotencyKey = "IdempotencyKey"
	headerRequestID     = telemetry.HeaderRequestID
	headerTraceparent   = "traceparent"
	headerRetryAfter    = fiber.HeaderRetryAfter
)

// newAPIReflector returns a reflector whose document holds the edge's
// parts: the info, the security schemes, the headers and parameters every
// route shares.
func (g *Gateway) newAPIReflector() *openapi31.Reflector {
	r := newSchemaReflector()
	s := r.SpecEns()
	s.Info.WithTitle(g.api.info.Title).WithVersion(g.api.info.Version).WithDescription(g.api.info.Description)
	s.SetHTTPBearerTokenSecurity(securityBearer, "JWT", "a JWT the gateway verifies; admin routes need the admin role")
	s.SetAPIKeySecurity(securityGuest, SessionCookie, openapi.InCookie,
		"a visitor's guest session, set by the first answer that needs one")
	c := s.ComponentsEns()
	c.WithParametersItem(paramRequestID, header(headerRequestID,
		"echoed when 1–128 visible ASCII characters, otherwise replaced by a fresh one", "string"))
	c.WithParametersItem(paramIdempotencyKey, header("Idempotency-Key",
		"the same key repeats the first answer instead of acting twice; printable UTF-8", "string"))
	for name, h := range map[string]openapi31.Header{
		headerRequestID:   {Description: ptr("the request's id: the client's, or a fresh one")},
		headerTraceparent: {Description: ptr("the W3C trace context of the request")},
		headerRetryAfter:  {Description: ptr("seconds to wait before trying again: until the budget admits a request (429), or a pause while what is unavailable recovers (503)")},
		headerLimit:       {Description: ptr("the budget of the route's class, per window")},
		headerRemaining:   {Description: ptr("requests left in the window")},
		headerCache:       {Description: ptr("HIT: answered from this instance's response cache; MISS: computed")},
	} {
		c.WithHeadersItem(name, openapi31.HeaderOrReference{Header: &h})
	}
	return r
}

func header(name, description, typ string) openapi31.ParameterOrReference {
	p := openapi31.Parameter{Name: name, In: openapi31.ParameterInHeader, Description: &description,
		Schema: map[string]any{"type": typ}}
	return p.ToParameterOrRef()
}

func paramRef(name string) openapi31.ParameterOrReference {
	return openapi31.ParameterOrReference{Reference: &openapi31.Reference{Ref: "#/components/parameters/" + name}}
}

func ptr(s string) *string { return &s }

// edgeHeaders are the headers of every answer: the request's id and trace
// context, and the rate limiter's when it is on.
func (g *Gateway) edgeHeaders() []string {
	headers := []string{headerRequestID, headerTraceparent}
	if g.cfg.RateLimit.Enabled {
		headers = append(headers, headerLimit, headerRemaining)
	}
	return headers
}

// withHeaders adds references to the named header components to an
// answer.
func (g *Gateway) withHeaders(names ...string) func(openapi.ContentOrReference) {
	return func(cor openapi.ContentOrReference) {
		resp := cor.(*openapi31.ResponseOrReference).Response
		for _, name := range names {
			resp.WithHeadersItem(name, openapi31.HeaderOrReference{
				Reference: &openapi31.Reference{Ref: "#/components/headers/" + name},
			})
		}
	}
}

// edgeErrors are the errors any route may answer, whatever it does, by
// status.
func edgeErrors(rt bus.Route) map[int]string {
	out := map[int]string{
		http.StatusBadRequest:          "invalid: bad input; field names the parameter, header or property at fault",
		http.StatusUnauthorized:        "unauthorized: the bearer token is invalid or expired",
		http.StatusTooManyRequests:     "unavailable (reason rate_limited): past the caller's budget; see Retry-After",
		http.StatusInternalServerError: "internal: a failure the server did not expect",
		http.StatusServiceUnavailable:  "unavailable: the request's deadline passed, or a module or the database it needs cannot be reached (reason database_unreachable); see Retry-After",
	}
	if rt.Access != bus.Anyone {
		out[http.StatusUnauthorized] = "unauthorized: no bearer token, or one invalid or expired"
	}
	if rt.Access == bus.Admins {
		out[http.StatusForbidden] = "forbidden: the route is for admins"
	}
	if rt.Body != nil {
		out[http.StatusRequestEntityTooLarge] = "invalid (field body): the body is over the limit (http.body_limit)"
	}
	return out
}
