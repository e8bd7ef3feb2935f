package system

import (
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"go.uber.org/fx"

	"github.com/jubako/jubako/cmd/jubako/internal/linked"
	"github.com/jubako/jubako/platform/testkit"
)

// sameAnswerAs names, for the routes whose success no request here can
// bring about, a route whose answer of success the test validates and
// whose schema theirs must equal: retrying or compensating needs a saga
// still running, and answers the saga as GET /api/admin/sagas/{id} does.
var sameAnswerAs = map[string]string{
	"POST /api/admin/sagas/{id}/retry":      "GET /api/admin/sagas/{id}",
	"POST /api/admin/sagas/{id}/compensate": "GET /api/admin/sagas/{id}",
}

// TestOpenAPIAnswersMatchTheDocument sends the authorisation matrix's
// requests as every actor, and the requests that succeed where the
// matrix's are refused, to the whole shop. Every answer's status must be
// described for its route and its body must validate against the schema
// described for that status; the body of every request that succeeded
// must validate against the route's request schema. Every described route
// must have answered with success once.
func TestOpenAPIAnswersMatchTheDocument(t *testing.T) {
	pr := &probe{}
	p := testkit.Start(t, testkit.SQLite(t), authzSettings, append(append([]fx.Option{}, linked.Modules()...), pr.module())...)
	check := &answerCheck{api: newAPISchemas(t, p.Do(t, http.MethodGet, "/api/openapi.json", nil).Body), succeeded: map[string]bool{}}
	c := newCast(t, &shop{url: p.URL})
	c.placeOrder(t)
	for _, tc := range authzMatrix {
		for _, a := range c.all {
			check.send(t, c, a, tc)
		}
	}
	for _, tc := range beyondTheMatrix(t, p, pr, c) {
		check.send(t, c, c.all[adminActor], tc)
	}
	check.coverage(t)
}

// answerCheck validates answers against the document and records which
// routes succeeded.
type answerCheck struct {
	api       *apiSchemas
	succeeded map[string]bool
}

// send sends a case's request as a and checks the answer, and the body of
// a request that succeeded, against the document.
func (ac *answerCheck) send(t *testing.T, c *cast, a *actor, tc authzCase) {
	t.Helper()
	route := docRoute(tc.route)
	if ac.api.lookup(operationAt(route)) == nil {
		return // not public: TestOpenAPIDescribesEveryPublicRoute says which routes are
	}
	method, path, _ := strings.Cut(tc.route, " ")
	if tc.path != nil {
		path = tc.path(c)
	}
	var body any
	if tc.body != nil {
		body = tc.body(c, a)
	}
	if tc.prepare != nil {
		tc.prepare(t, a)
	}
	status, data := call(t, a.client, method, c.all[0].shop.url+path, body)
	if schema, described := ac.api.answer(t, route, status); !described {
		t.Errorf("%s %s as %s: %d, an answer the document does not describe: %.300s", method, path, a.name, status, data)
	} else if err := validate(schema, data); err != nil {
		t.Errorf("%s %s as %s: the %d answer does not match the document: %v", method, path, a.name, status, err)
	}
	if status >= 300 {
		return
	}
	ac.succeeded[route] = true
	if body != nil {
		if err := validate(ac.api.requestBody(t, route), jsonOf(t, body)); err != nil {
			t.Errorf("%s %s as %s succeeded with a body the document refuses: %v", method, path, a.name, err)
		}
	}
}

// coverage fails t for every described route that never succeeded.
func (ac *answerCheck) coverage(t *testing.T) {
	for _, route := range ac.api.routes() {
		if ac.succeeded[route] {
			continue
		}
		like, ok := sameAnswerAs[route]
		if !ok {
			t.Errorf("%s never succeeded: its answer of success went unchecked", route)
			continue
		}
		got := ac.api.lookup(append(operationAt(route), "responses", "200", "content"))
		want := ac.api.lookup(append(operationAt(like), "responses", "200", "content"))
		if !ac.succeeded[like] || !reflect.DeepEqual(got, want) {
			t.Errorf("%s never succeeded, and its answer %v is not that of %s (succeeded: %v): %v",
				route, got, like, ac.succeeded[like], want)
		}
	}
}

// beyondTheMatrix are requests, as the admin, that succeed where the
// matrix's find nothing to act on: two dead letters (the probe refuses
// its events), a trace, and the admin's own password.
func beyondTheMatrix(t *testing.T, p *testkit.Process, pr *probe, c *cast) []authzCase {
	admin := c.all[adminActor]
	pr.refusing.Store(true)
	pr.poke(t, p, "first")
	pr.poke(t, p, "second")
	var dead []string
	testkit.Eventually(t, 10*time.Second, func() bool {
		var letters struct {
			DeadLetters []struct {
				Queue  string `json:"queue"`
				TaskID string `json:"task_id"`
			} `json:"dead_letters"`
		}
		adminGet(t, admin, "/api/admin/deadletters", &letters)
		dead = dead[:0]
		for _, l := range letters.DeadLetters {
			if l.Queue == "probe" {
				dead = append(dead, l.TaskID)
			}
		}
		return len(dead) == 2
	}, func() string { return "the probe's two events are not dead letters" })
	var traces struct {
		Traces []struct {
			TraceID string `json:"trace_id"`
		} `json:"traces"`
	}
	adminGet(t, admin, "/api/admin/traces?limit=1", &traces)
	if len(traces.Traces) == 0 {
		t.Fatal("no trace recorded")
	}
	var fault struct {
		ID string `json:"id"`
	}
	status, data := call(t, admin.client, http.MethodPost, admin.shop.url+"/api/admin/faults", harmlessFault)
	decode(t, status, data, http.StatusCreated, &fault)
	return []authzCase{
		{route: "DELETE /api/admin/faults/:id", path: fixed("/api/admin/faults/" + fault.ID)},
		{route: "POST /api/admin/deadletters/:queue/:id/resubmit", path: fixed("/api/admin/deadletters/probe/" + dead[0] + "/resubmit")},
		{route: "DELETE /api/admin/deadletters/:queue/:id", path: fixed("/api/admin/deadletters/probe/" + dead[1])},
		{route: "GET /api/admin/traces/:id", path: fixed("/api/admin/traces/" + traces.Traces[0].TraceID)},
		{route: "POST /api/auth/password", body: body(map[string]string{
			"current_password": admin.password, "new_password": "a new and longer secret"})},
	}
}

// adminGet reads a JSON answer of success as the admin.
func adminGet(t *testing.T, admin *actor, path string, v any) {
	t.Helper()
	status, data := call(t, admin.client, http.MethodGet, admin.shop.url+path, nil)
	decode(t, status, data, http.StatusOK, v)
}
