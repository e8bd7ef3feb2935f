package gateway_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/shared"
)

// echoGateway is a gateway with its whole middleware chain and one route,
// /api/echo/:id (GET and POST), that answers 200.
func echoGateway(t *testing.T) *gateway.Gateway {
	t.Helper()
	g := newGateway(t, io.Discard)
	echo := func(c *fiber.Ctx) error { return c.SendString(c.Params("id")) }
	g.API("echo").Get("/:id", echo).Post("/:id", echo)
	return g
}

func TestInputWithNULOrBadUTF8IsRefusedNamingTheField(t *testing.T) {
	g := echoGateway(t)
	for _, tc := range []struct {
		name, url string
		status    int
		field     string
		header    []string
		form      string
	}{
		{"a normal request", "/api/echo/mug?q=caf%C3%A9&page=2", 200, "", nil, ""},
		{"NUL in the query", "/api/echo/mug?q=%00", 400, "q", nil, ""},
		{"NUL inside a value", "/api/echo/mug?page=2&q=a%00b", 400, "q", nil, ""},
		{"query not UTF-8", "/api/echo/mug?q=%ff", 400, "q", nil, ""},
		{"NUL in a parameter name", "/api/echo/mug?a%00b=1", 400, "query", nil, ""},
		{"NUL in a path segment", "/api/echo/a%00b", 400, "path", nil, ""},
		{"path not UTF-8", "/api/echo/a%ffb", 400, "path", nil, ""},
		{"a tab and Latin-1 in a header", "/api/echo/mug", 200, "", []string{"X-Note", "a\tcaf\xe9"}, ""},
		{"NUL in a header", "/api/echo/mug", 400, "X-Note", []string{"X-Note", "a\x00b"}, ""},
		{"an escape in a header", "/api/echo/mug", 400, "X-Note", []string{"X-Note", "a\x1bb"}, ""},
		{"DEL in a cookie", "/api/echo/mug", 400, "Cookie", []string{"Cookie", "theme=da\x7frk"}, ""},
		{"a clean form", "/api/echo/mug", 200, "", nil, "reason=caf%C3%A9+closed&n=2"},
		{"NUL in a form field", "/api/echo/mug", 400, "reason", nil, "n=2&reason=a%00b"},
		{"form field not UTF-8", "/api/echo/mug", 400, "reason", nil, "reason=%ff"},
		{"NUL in a form field's name", "/api/echo/mug", 400, "form", nil, "a%00b=1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, tc.url, nil)
			if tc.form != "" {
				req = httptest.NewRequest(http.MethodPost, tc.url, strings.NewReader(tc.form))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			}
			for i := 0; i+1 < len(tc.header); i += 2 {
				req.Header.Set(tc.header[i], tc.header[i+1])
			}
			res, err := g.App.Test(req, -1)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			data, _ := io.ReadAll(res.Body)
			var body gateway.ErrorBody
			_ = json.Unmarshal(data, &body)
			field, code := "", shared.CodeInvalid
			if body.Error != nil {
				field, code = body.Error.Field, body.Error.Code
			}
			if res.StatusCode != tc.status || field != tc.field || code != shared.CodeInvalid {
				t.Errorf("%d field %q, want %d field %q: %s", res.StatusCode, field, tc.status, tc.field, data)
			}
		})
	}
}
