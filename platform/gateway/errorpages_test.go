package gateway_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/shared"
)

// TestErrorPagesAnswerForTheirPrefixes: a module's HTML pages get their
// errors — their handlers' and the edge's — as pages; other routes keep
// the JSON body. (A request the server cannot read, whose path is unknown,
// keeps it too: the system suite's headers too large.)
func TestErrorPagesAnswerForTheirPrefixes(t *testing.T) {
	g := echoGateway(t)
	g.Route("echo", "/page").Get("/:id", func(c *fiber.Ctx) error { return shared.ErrNotFound.With("no page %s", c.Params("id")) })
	g.Route("echo", "/").Get("/", func(c *fiber.Ctx) error { return c.SendString("home") })
	g.ServeErrorPages(func(c *fiber.Ctx, status int, e *shared.Error) error {
		c.Type("html")
		return c.Status(status).SendString("<p>" + string(e.Code) + ": " + e.Message + "</p>")
	}, "/page", "/")
	for _, tc := range []struct {
		name, url string
		status    int
		body      string
	}{
		{"the page's own error", "/page/mug", 404, "<p>not_found: no page mug</p>"},
		{"the edge's refusal of a page", "/page/a%00b", 400, "<p>invalid: must be valid UTF-8 without NUL characters</p>"},
		{"another route's error", "/api/echo/a%00b", 400, `{"error":{"code":"invalid"`},
		{"a path only starting like the prefix", "/pages/mug", 404, `{"error":{"code":"not_found"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := g.App.Test(httptest.NewRequest(http.MethodGet, tc.url, nil))
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode != tc.status || !strings.HasPrefix(string(body), tc.body) {
				t.Errorf("%d %s, want %d %s…", res.StatusCode, body, tc.status, tc.body)
			}
		})
	}
}
