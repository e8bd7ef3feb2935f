package console_test

import (
	"context"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/platform/console"
	"github.com/jubako/jubako/platform/testkit"
)

var probeFragment = template.Must(template.New("probe").Parse(
	`<p id="probe-panel">the probe says {{.}}</p><button hx-post="/admin/panels/probe/poke">poke</button>`))

// probePanel is the probe's console panel: a greeting, and a poke action.
func probePanel(c *fiber.Ctx) error {
	if c.Method() == fiber.MethodPost {
		return c.SendString("poked")
	}
	c.Type("html", "utf-8")
	return probeFragment.Execute(c, c.Query("greeting", "hello"))
}

func TestPagesRenderForAnAdmin(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p, _ := startOn(t, be, true, nil)
		for i := range 3 {
			if _, err := pingPoint.Call(context.Background(), p.Bus, poked{ID: "p" + string(rune('0'+i))}); err != nil {
				t.Fatal(err)
			}
		}
		_, _ = pingPoint.Call(context.Background(), p.Bus, poked{})
		fetch(t, http.MethodGet, p.URL+"/api/admin/registry", nil, "Authorization", testkit.AdminAuthorization)
		// The request's span ends just after its answer is sent.
		waitForTrace(t, p, "GET /api/admin/registry")
		cases := []struct {
			path string
			want []string
		}{
			{"/admin", []string{"<h1>Overview</h1>", `data-module="probe" data-total="4"`, "database", "redis", "migrations", "invalid 1"}},
			{"/admin/live/overview", []string{`data-module="probe"`, "Readiness"}},
			{"/admin/map", []string{"<svg", `data-module="gateway"`, `data-module="probe"`, `data-from="gateway" data-to="probe"`}},
			{"/admin/messages", []string{"Dead letters", "asynq queues", "Recent dispatches"}},
			{"/admin/sagas?status=RUNNING&older_than=1m", []string{`<option value="RUNNING" selected>`, "No saga matches."}},
			{"/admin/traces", []string{"GET /api/admin/registry"}},
			{"/admin/traces?route=%2Fapi%2Fnothing", []string{"No trace matches"}},
			{"/admin/faults", []string{"<h1>Faults", `id="fault-form"`, `<option value="probe.Ping">`, "No fault is active."}},
			{"/admin/config", []string{"outbox.max_retry", "JUBAKO_OUTBOX_MAX_RETRY", "database.dsn"}},
			{"/admin/panels/probe?greeting=hi", []string{`<p id="probe-panel">the probe says hi</p>`, "contributed by probe", `href="/admin/panels/probe"`}},
		}
		for _, tc := range cases {
			t.Run(tc.path, func(t *testing.T) {
				res := fetch(t, http.MethodGet, p.URL+tc.path, nil, "Cookie", adminCookie(t))
				if res.Status != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
					t.Fatalf("status %d (%s):\n%s", res.Status, res.Header.Get("Content-Type"), res.Body)
				}
				for _, w := range append(tc.want, "") {
					if !strings.Contains(res.Body, w) {
						t.Errorf("the page lacks %q:\n%s", w, res.Body)
					}
				}
				if strings.Contains(res.Body, "ZgotmplZ") {
					t.Errorf("a template value was refused by html/template:\n%s", res.Body)
				}
				if !strings.HasPrefix(tc.path, "/admin/live/") && !strings.Contains(res.Body, "u-root@example.com") {
					t.Error("the page does not name the admin")
				}
			})
		}
	})
}

func TestBadFiltersAndUnknownThingsAreExplained(t *testing.T) {
	p, _ := start(t, true, nil)
	cases := []struct {
		path   string
		status int
		want   string
	}{
		{"/admin/sagas?older_than=soon", http.StatusBadRequest, "older_than: not a duration"},
		{"/admin/live/traces?min=fast", http.StatusBadRequest, "min: not a duration"},
		{"/admin/sagas/nope", http.StatusNotFound, `no saga \&#34;nope\&#34;`},
		{"/admin/traces/nope", http.StatusBadRequest, "32 lower-case hex digits"},
		{"/admin/traces/4bf92f3577b34da6a3ce929d0e0e4736", http.StatusNotFound, "no trace 4bf92f3577b34da6a3ce929d0e0e4736 in memory"},
		{"/admin/panels/nothing", http.StatusNotFound, "No panel nothing"},
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			res := fetch(t, http.MethodGet, p.URL+tc.path, nil, "Cookie", adminCookie(t))
			if res.Status != tc.status || !strings.Contains(res.Body, strings.ReplaceAll(tc.want, `\`, "")) {
				t.Fatalf("status %d, want %d with %q:\n%s", res.Status, tc.status, tc.want, res.Body)
			}
		})
	}
}

func TestActionsNeedTheSessionsCSRFToken(t *testing.T) {
	p, _ := start(t, true, nil)
	admin := adminCookie(t)
	token := csrf(t, fetch(t, http.MethodGet, p.URL+"/admin", nil, "Cookie", admin))
	// Another session of the same admin, issued later, has another token.
	time.Sleep(1100 * time.Millisecond)
	other := csrf(t, fetch(t, http.MethodGet, p.URL+"/admin", nil, "Cookie", adminCookie(t)))
	if other == token {
		t.Fatal("two sessions share a CSRF token")
	}
	actions := []struct{ method, path string }{
		{http.MethodPost, "/admin/deadletters/probe/t1/resubmit"},
		{http.MethodDelete, "/admin/deadletters/probe/t1"},
		{http.MethodPost, "/admin/sagas/s1/retry"},
		{http.MethodPost, "/admin/sagas/s1/compensate"},
		{http.MethodPost, "/admin/panels/probe/poke"},
		{http.MethodPost, "/admin/faults"},
		{http.MethodDelete, "/admin/faults/f1"},
		{http.MethodDelete, "/admin/faults"},
		{http.MethodPost, "/admin/logout"},
	}
	for _, a := range actions {
		t.Run(a.method+" "+a.path, func(t *testing.T) {
			for name, headers := range map[string][]string{
				"no token":            {"Cookie", admin},
				"a wrong token":       {"Cookie", admin, "X-CSRF-Token", token[:len(token)-2] + "AA"},
				"another session's":   {"Cookie", admin, "X-CSRF-Token", other},
				"a token, no session": {"X-CSRF-Token", token},
			} {
				res := fetch(t, a.method, p.URL+a.path, nil, headers...)
				want := http.StatusForbidden
				if name == "a token, no session" {
					want = http.StatusSeeOther
				}
				if res.Status != want {
					t.Errorf("%s: status %d, want %d:\n%s", name, res.Status, want, res.Body)
				}
			}
			res := fetch(t, a.method, p.URL+a.path, url.Values{"csrf": {token}}, "Cookie", admin)
			if res.Status == http.StatusForbidden {
				t.Errorf("with the token in the form: 403:\n%s", res.Body)
			}
		})
	}
	t.Run("the panel's action runs with the header", func(t *testing.T) {
		res := fetch(t, http.MethodPost, p.URL+"/admin/panels/probe/poke", nil, "Cookie", admin, "X-CSRF-Token", token, "HX-Request", "true")
		if res.Status != http.StatusOK || res.Body != "poked" {
			t.Errorf("status %d: %q", res.Status, res.Body)
		}
	})
	t.Run("an unknown dead letter is explained", func(t *testing.T) {
		res := fetch(t, http.MethodPost, p.URL+"/admin/deadletters/probe/t1/resubmit", nil, "Cookie", admin, "X-CSRF-Token", token)
		if res.Status != http.StatusNotFound || !strings.Contains(res.Body, "no dead letter t1 in queue probe") || res.Header.Get("HX-Trigger") != "refresh" {
			t.Errorf("status %d, trigger %q:\n%s", res.Status, res.Header.Get("HX-Trigger"), res.Body)
		}
	})
}

func TestPanelsAreWrappedForPageLoadsOnly(t *testing.T) {
	p, _ := start(t, true, nil)
	frag := fetch(t, http.MethodGet, p.URL+"/admin/panels/probe", nil, "Cookie", adminCookie(t), "HX-Request", "true")
	if frag.Body != `<p id="probe-panel">the probe says hello</p><button hx-post="/admin/panels/probe/poke">poke</button>` {
		t.Errorf("htmx gets %q, want the fragment alone", frag.Body)
	}
	xss := fetch(t, http.MethodGet, p.URL+"/admin/panels/probe?greeting=%3Cscript%3E", nil, "Cookie", adminCookie(t))
	if strings.Contains(xss.Body, "<script>") {
		t.Errorf("the panel's input reached the page unescaped:\n%s", xss.Body)
	}
}

func TestTheConsoleIsNotTraced(t *testing.T) {
	p, _ := start(t, true, nil)
	for range 3 {
		fetch(t, http.MethodGet, p.URL+"/admin/live/overview", nil, "Cookie", adminCookie(t))
	}
	fetch(t, http.MethodGet, p.URL+"/api/admin/registry", nil, "Authorization", testkit.AdminAuthorization)
	body := waitForTrace(t, p, "GET /api/admin/registry")
	if strings.Contains(body, `"root":"GET /admin`) {
		t.Errorf("the console's requests were traced: %s", body)
	}
}

// waitForTrace waits until the JSON admin API lists a trace whose root is
// root, and returns the list.
func waitForTrace(t *testing.T, p *testkit.Process, root string) string {
	t.Helper()
	var body string
	testkit.Eventually(t, 10*time.Second, func() bool {
		body = fetch(t, http.MethodGet, p.URL+"/api/admin/traces", nil, "Authorization", testkit.AdminAuthorization).Body
		return strings.Contains(body, root)
	}, func() string { return "no trace " + root + ": " + body })
	return body
}

func TestPanelsMustBeWellFormedAndDistinct(t *testing.T) {
	ok := console.Panel{Module: "probe", Title: "Probe", Path: "probe", Handler: probePanel}
	cases := []struct {
		name   string
		panels []console.Panel
		want   string
	}{
		{"two panels on one path", []console.Panel{ok, {Module: "other", Title: "Other", Path: "probe", Handler: probePanel}}, "both want /admin/panels/probe"},
		{"a path of two segments", []console.Panel{{Module: "probe", Title: "Probe", Path: "a/b", Handler: probePanel}}, "one-segment path"},
		{"no handler", []console.Panel{{Module: "probe", Title: "Probe", Path: "probe"}}, "needs a title, a handler"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := console.New(console.Deps{Panels: tc.panels}); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
	if _, err := console.New(console.Deps{Panels: []console.Panel{ok}}); err != nil {
		t.Errorf("a good panel: %v", err)
	}
}
