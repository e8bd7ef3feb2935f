package gateway_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/platform/gateway"
)

// echoGateway is a gateway with its whole middleware chain and one route,
// GET /api/echo/:id, that answers 200.
func echoGateway(t *testing.T) *gateway.Gateway {
	t.Helper()
	g := newGateway(t, io.Discard)
	g.API("echo").Get("/:id", func(c *fiber.Ctx) error { return c.SendString(c.Params("id")) })
	return g
}

func TestURLWithNULOrBadUTF8IsRefusedNamingTheField(t *testing.T) {
	g := echoGateway(t)
	for _, tc := range []struct {
		name, url string
		status    int
		field     string
	}{
		{"a normal request", "/api/echo/mug?q=caf%C3%A9&page=2", 200, ""},
		{"NUL in the query", "/api/echo/mug?q=%00", 400, "q"},
		{"NUL inside a value", "/api/echo/mug?page=2&q=a%00b", 400, "q"},
		{"query not UTF-8", "/api/echo/mug?q=%ff", 400, "q"},
		{"NUL in a parameter name", "/api/echo/mug?a%00b=1", 400, "query"},
		{"NUL in a path segment", "/api/echo/a%00b", 400, "path"},
		{"path not UTF-8", "/api/echo/a%ffb", 400, "path"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := g.App.Test(httptest.NewRequest(http.MethodGet, tc.url, nil), -1)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			data, _ := io.ReadAll(res.Body)
			var body gateway.ErrorBody
			_ = json.Unmarshal(data, &body)
			field := ""
			if body.Error != nil {
				field = body.Error.Field
			}
			if res.StatusCode != tc.status || field != tc.field {
				t.Errorf("%d field %q, want %d field %q: %s", res.StatusCode, field, tc.status, tc.field, data)
			}
		})
	}
}
