package system

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jubako/jubako/cmd/jubako/internal/linked"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// TestBadHeadersAndFormsAreNamedAndNothingIsLost sends headers no client
// should: control characters (which Go's client refuses to send, so over a
// raw connection) and bytes that are not UTF-8 where the shop stores the
// header; headers too large; and a NUL in the console's login form. Each
// answer is a 4xx with code invalid, naming the header or field; the cart
// is untouched and no order exists.
func TestBadHeadersAndFormsAreNamedAndNothingIsLost(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := testkit.Start(t, be, shopSettings, linked.Modules()...)
		s := &shop{url: p.URL, admin: testkit.AdminAuthorization}
		c := s.customer()
		c.add(t, mug, 2)
		base, _ := url.Parse(p.URL) // p.URL is the process's own, always valid
		var session string
		for _, k := range c.client.Jar.Cookies(base) {
			session += k.Name + "=" + k.Value + "; "
		}
		checkout, err := json.Marshal(form(nil))
		if err != nil {
			t.Fatal(err)
		}

		for _, tc := range []struct {
			name, request, field string
		}{
			{"NUL in the idempotency key", rawPost("/api/checkout", session, "Idempotency-Key: a\x00b", checkout), "Idempotency-Key"},
			{"an escape in the idempotency key", rawPost("/api/checkout", session, "Idempotency-Key: a\x1bb", checkout), "Idempotency-Key"},
			{"NUL in the request id", rawGet("/api/cart", session, "X-Request-ID: a\x00b"), "X-Request-ID"},
			{"NUL in a cookie", rawGet("/api/cart", session+"theme=da\x00rk", ""), "Cookie"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				res := rawExchange(t, base.Host, tc.request)
				// Header names are named as the server spells them (X-Request-Id).
				if e := errorIn(res.body); res.status != http.StatusBadRequest || e.Code != shared.CodeInvalid || !strings.EqualFold(e.Field, tc.field) {
					t.Errorf("%d field %q, want 400 invalid naming %s: %s", res.status, e.Field, tc.field, res.body)
				}
				if id := res.header.Get("X-Request-ID"); strings.ContainsFunc(id, func(r rune) bool { return r < ' ' }) || id == "" {
					t.Errorf("the answer's X-Request-ID is %q, want a fresh printable one", id)
				}
			})
		}

		t.Run("a key that is not UTF-8", func(t *testing.T) {
			status, data := call(t, c.client, http.MethodPost, s.url+"/api/checkout", form(nil), "Idempotency-Key", "caf\xe9")
			if e := errorIn(data); status != http.StatusBadRequest || e.Field != "Idempotency-Key" {
				t.Errorf("%d field %q, want 400 naming Idempotency-Key: %s", status, e.Field, data)
			}
		})

		t.Run("headers too large", func(t *testing.T) {
			status, data := call(t, c.client, http.MethodGet, s.url+"/api/cart", nil, "X-Note", strings.Repeat("n", 10000))
			if status != http.StatusRequestHeaderFieldsTooLarge || errorIn(data).Code != shared.CodeInvalid {
				t.Errorf("%d %s, want 431 with code invalid", status, data)
			}
		})

		t.Run("NUL in the console's login form", func(t *testing.T) {
			status, page := call(t, c.client, http.MethodGet, s.url+"/admin/login", nil)
			token := between(string(page), `name="csrf" value="`, `"`)
			if status != http.StatusOK || token == "" {
				t.Fatalf("login page: %d %s", status, page)
			}
			form := url.Values{"email": {"root\x00@example.com"}, "password": {"whatever it is"}, "csrf": {token}}
			res, err := c.client.PostForm(s.url+"/admin/login", form)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			data, _ := io.ReadAll(res.Body)
			if res.StatusCode != http.StatusBadRequest || errorIn(data).Field != "email" {
				t.Errorf("%d %s, want 400 naming email", res.StatusCode, data)
			}
		})

		if got := c.cart(t); len(got.Items) != 1 || got.Items[0].Quantity != 2 {
			t.Errorf("the cart after refused requests: %+v, want the 2 mugs", got.Items)
		}
		if orders := c.orders(t); len(orders) != 0 {
			t.Errorf("refused checkouts left orders: %+v", orders)
		}
	})
}

func rawGet(path, cookies, header string) string {
	return rawRequest(http.MethodGet, path, cookies, header, nil)
}

func rawPost(path, cookies, header string, body []byte) string {
	return rawRequest(http.MethodPost, path, cookies, header, body)
}

// rawRequest writes an HTTP/1.1 request by hand, header bytes as given.
func rawRequest(method, path, cookies, header string, body []byte) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\nHost: shop\r\nConnection: close\r\nCookie: %s\r\n", method, path, cookies)
	if header != "" {
		b.WriteString(header + "\r\n")
	}
	if body != nil {
		fmt.Fprintf(&b, "Content-Type: application/json\r\nContent-Length: %d\r\n", len(body))
	}
	b.WriteString("\r\n")
	b.Write(body)
	return b.String()
}

type rawResponse struct {
	status int
	header http.Header
	body   []byte
}

func rawExchange(t *testing.T, host, request string) rawResponse {
	t.Helper()
	conn, err := net.DialTimeout("tcp", host, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(30 * time.Second))
	if _, err := io.WriteString(conn, request); err != nil {
		t.Fatal(err)
	}
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("reading the answer to %q: %v", request, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return rawResponse{res.StatusCode, res.Header, body}
}
