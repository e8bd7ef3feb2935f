package remote_test

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/platform/host"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// echo is what calc's public routes answer: what they saw.
type echo struct {
	XTest string `json:"x_test"`
	Query string `json:"query"`
	N     int    `json:"n"`
}

// mount gives calc public routes: /api/calc/echo and, on a prefix its
// contract declares, /api/calculator/echo.
func (s *calc) mount(g *gateway.Gateway) {
	get := func(c *fiber.Ctx) error {
		s.echoes.Add(1)
		c.Cookie(&fiber.Cookie{Name: "calc_visit", Value: "served-by-calc", Path: "/", HTTPOnly: true})
		return c.JSON(echo{XTest: c.Get("X-Test"), Query: c.Query("q")})
	}
	post := func(c *fiber.Ctx) error {
		s.echoes.Add(1)
		var e echo
		if err := gateway.Bind(c, &e); err != nil {
			return err
		}
		if e.N < 0 {
			return shared.Invalid("n", "must not be negative")
		}
		return c.Status(fiber.StatusCreated).JSON(e)
	}
	api := g.API("calc")
	api.Get("/echo", get)
	api.Post("/echo", post)
	g.Route("calc", "/api/calculator").Get("/echo", get)
}

func TestGatewayForwardsPublicRoutes(t *testing.T) {
	s, _, client := startPair(t)
	cases := []struct {
		name   string
		method string
		path   string
		body   any
		status int
		want   echo
		cookie bool
		field  string
	}{
		{name: "GET with header and query", method: http.MethodGet, path: "/api/calc/echo?q=a%20b", status: http.StatusOK,
			want: echo{XTest: "from-client", Query: "a b"}, cookie: true},
		{name: "declared prefix", method: http.MethodGet, path: "/api/calculator/echo?q=2", status: http.StatusOK,
			want: echo{XTest: "from-client", Query: "2"}, cookie: true},
		{name: "POST body", method: http.MethodPost, path: "/api/calc/echo", body: echo{N: 7}, status: http.StatusCreated,
			want: echo{N: 7}},
		{name: "error answer", method: http.MethodPost, path: "/api/calc/echo", body: echo{N: -1}, status: http.StatusBadRequest, field: "n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := s.echoes.Load()
			res := client.Do(t, tc.method, tc.path, tc.body, "X-Test", "from-client")
			if res.Status != tc.status || s.echoes.Load() != before+1 {
				t.Fatalf("status %d after %d server runs, want %d after one: %s", res.Status, s.echoes.Load()-before, tc.status, res.Body)
			}
			if tc.field != "" {
				if e := res.Err(t).Error; e.Code != "invalid" || e.Field != tc.field {
					t.Errorf("error %+v, want invalid %s", e, tc.field)
				}
				return
			}
			var got echo
			if res.Decode(t, &got); got != tc.want {
				t.Errorf("server saw %+v, want %+v", got, tc.want)
			}
			if cookie := res.Header.Get("Set-Cookie"); tc.cookie != strings.Contains(cookie, "calc_visit=served-by-calc") {
				t.Errorf("Set-Cookie %q, want the server's cookie: %v", cookie, tc.cookie)
			}
		})
	}
}

type readiness struct {
	Ready  bool         `json:"ready"`
	Checks []host.Check `json:"checks"`
}

func TestReadyzFollowsTheRemoteModule(t *testing.T) {
	_, server, client := startPair(t)
	moduleCheck := func(status int) {
		var res testkit.Response
		testkit.Eventually(t, 10*time.Second, func() bool {
			res = client.Do(t, http.MethodGet, "/readyz", nil)
			return res.Status == status
		}, func() string { return fmt.Sprintf("/readyz is %d, want %d: %s", res.Status, status, res.Body) })
		var got readiness
		res.Decode(t, &got)
		for _, c := range got.Checks {
			if c.Name == "module:calc" {
				if c.OK != (status == http.StatusOK) || (c.Error == "") != c.OK || got.Ready != c.OK {
					t.Errorf("readiness %s with status %d", res.Body, status)
				}
				return
			}
		}
		t.Fatalf("no module:calc check in %s", res.Body)
	}
	moduleCheck(http.StatusOK)

	server.Stop(t)
	moduleCheck(http.StatusServiceUnavailable)
	if _, err := add.Call(t.Context(), client.Bus, addRequest{A: 1}); !errors.Is(err, shared.ErrUnavailable) {
		t.Errorf("call to the stopped module: %s, want unavailable", describe(err))
	}
	res := client.Do(t, http.MethodGet, "/api/calc/echo", nil)
	if res.Status != http.StatusServiceUnavailable || res.Err(t).Error.Code != "unavailable" {
		t.Errorf("forwarded route of the stopped module: %d %s, want 503 unavailable", res.Status, res.Body)
	}
}
