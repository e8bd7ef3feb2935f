package remote_test

import (
	"net/http"
	"testing"

	"go.uber.org/fx"

	"github.com/jubako/jubako/platform/testkit"
)

const addBody = `{"a":1,"b":2}`

func TestInternalRouteNeedsTheServiceToken(t *testing.T) {
	s := newCalc()
	server := startServer(t, s)
	tokenless := testkit.StartWith(t, testkit.Options{Backend: testkit.SQLite(t), Modules: []fx.Option{newCalc().module()}})
	cases := []struct {
		name    string
		process *testkit.Process
		auth    []string
		status  int
	}{
		{name: "no token", process: server, status: http.StatusUnauthorized},
		{name: "wrong token", process: server, auth: []string{"Authorization", "Bearer " + token + "x"}, status: http.StatusUnauthorized},
		{name: "token prefix", process: server, auth: []string{"Authorization", "Bearer " + token[:16]}, status: http.StatusUnauthorized},
		{name: "not a bearer", process: server, auth: []string{"Authorization", token}, status: http.StatusUnauthorized},
		{name: "empty bearer", process: server, auth: []string{"Authorization", "Bearer "}, status: http.StatusUnauthorized},
		{name: "process without a token refuses any", process: tokenless, auth: []string{"Authorization", "Bearer " + token}, status: http.StatusUnauthorized},
		{name: "process without a token refuses none", process: tokenless, auth: []string{"Authorization", "Bearer "}, status: http.StatusUnauthorized},
		{name: "right token", process: server, auth: []string{"Authorization", "Bearer " + token}, status: http.StatusOK},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := s.adds.Load()
			res := tc.process.Do(t, http.MethodPost, "/internal/bus/calc.Add", addBody, tc.auth...)
			if res.Status != tc.status {
				t.Fatalf("status %d, want %d: %s", res.Status, tc.status, res.Body)
			}
			if tc.status == http.StatusOK {
				var got addReply
				if res.Decode(t, &got); got.Sum != 3 || s.adds.Load() != before+1 {
					t.Errorf("reply %s, %d runs; want sum 3 from one run", res.Body, s.adds.Load()-before)
				}
				return
			}
			if code := res.Err(t).Error.Code; code != "unauthorized" || s.adds.Load() != before {
				t.Errorf("error code %q after %d runs, want unauthorized and no run: %s", code, s.adds.Load()-before, res.Body)
			}
		})
	}
}

func TestPublicRoutesNeverRunEndpoints(t *testing.T) {
	s, server, client := startPair(t)
	bearer := []string{"Authorization", "Bearer " + token}
	cases := []struct {
		name    string
		process *testkit.Process
		method  string
		path    string
		auth    []string
		status  int
	}{
		{name: "endpoint name under /api", process: server, method: http.MethodPost, path: "/api/calc/calc.Add", status: http.StatusNotFound},
		{name: "short name under /api", process: server, method: http.MethodPost, path: "/api/calc/Add", status: http.StatusNotFound},
		{name: "GET under /api", process: server, method: http.MethodGet, path: "/api/calc/Add", status: http.StatusNotFound},
		{name: "bus under /api (the service token is no user token)", process: server, method: http.MethodPost, path: "/api/bus/calc.Add", auth: bearer, status: http.StatusUnauthorized},
		{name: "internal without bus", process: server, method: http.MethodPost, path: "/internal/calc.Add", auth: bearer, status: http.StatusNotFound},
		{name: "internal by GET", process: server, method: http.MethodGet, path: "/internal/bus/calc.Add", auth: bearer, status: http.StatusMethodNotAllowed},
		{name: "client: endpoint name under /api", process: client, method: http.MethodPost, path: "/api/calc/calc.Add", auth: bearer, status: http.StatusUnauthorized},
		{name: "client: internal is not forwarded", process: client, method: http.MethodPost, path: "/internal/bus/calc.Add", status: http.StatusUnauthorized},
		{name: "client: internal with token is served there", process: client, method: http.MethodPost, path: "/internal/bus/calc.Add", auth: bearer, status: http.StatusNotFound},
		{name: "client: dot segments out of /api", process: client, method: http.MethodPost, path: "/api/calc/../../internal/bus/calc.Add", status: http.StatusUnauthorized},
		{name: "client: encoded dot segments", process: client, method: http.MethodPost, path: "/api/calc/%2e%2e/%2e%2e/internal/bus/calc.Add", status: http.StatusUnauthorized},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := tc.process.Do(t, tc.method, tc.path, addBody, tc.auth...)
			if res.Status != tc.status {
				t.Errorf("status %d, want %d: %s", res.Status, tc.status, res.Body)
			}
			if n := s.adds.Load(); n != 0 {
				t.Fatalf("Add ran %d times", n)
			}
		})
	}
}
