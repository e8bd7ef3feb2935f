package chaos

import (
	"net/http"
	"slices"
	"strings"

	"github.com/jubako/jubako/platform/telemetry"
	"github.com/jubako/jubako/shared"
)

// route is an HTTP route target: a method and a path pattern whose
// segments are literal, a parameter (":id" as fiber writes it, or "{id}")
// matching any one segment, or a final "*" matching whatever follows.
type route struct {
	method   string
	segments []string
}

var methods = []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions}

// untouchable are the paths no fault may hit: the fault API and the
// console, so that an admin can always remove a fault.
var untouchable = []string{"/api/admin/faults", "/admin"}

// parseRoute reads "GET /api/catalog/products/:id".
func parseRoute(target string) (route, error) {
	method, path, _ := strings.Cut(target, " ")
	if !slices.Contains(methods, method) {
		return route{}, shared.Invalid("target", "a route starts with an HTTP method in capitals (%s), got %q", strings.Join(methods, ", "), method)
	}
	if !strings.HasPrefix(path, "/") || strings.ContainsAny(path, " ?#") {
		return route{}, shared.Invalid("target", "a route is \"METHOD /path\", the path without query, got %q", path)
	}
	for _, p := range append(untouchable, "/internal") {
		if telemetry.PathUnder(path, p) {
			return route{}, shared.Invalid("target", "no fault may hit %s", p)
		}
	}
	r := route{method: method, segments: telemetry.SplitPath(path)}
	for i, s := range r.segments {
		if s == "*" && i != len(r.segments)-1 {
			return route{}, shared.Invalid("target", "\"*\" may only end a route's path")
		}
	}
	return r, nil
}

// matches reports whether a request for method and path takes the route.
// Like the gateway's router it ignores case and a trailing slash.
func (r route) matches(method, path string) bool {
	if method != r.method {
		return false
	}
	return telemetry.PathMatches(r.segments, telemetry.SplitPath(path))
}
