package testkit

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	neturl "net/url"
	"testing"
)

// Response is an HTTP answer read whole.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// Cookies parses the response's Set-Cookie headers.
func (r Response) Cookies() []*http.Cookie { return (&http.Response{Header: r.Header}).Cookies() }

// Cookie is the value of the cookie the answer sets by name, "" if none.
func (r Response) Cookie(name string) string {
	for _, c := range r.Cookies() {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

// Decode unmarshals the body into v, failing t if it is not JSON.
func (r Response) Decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("response %d is not the expected JSON: %v\n%s", r.Status, err, r.Body)
	}
}

// ErrorBody is the error shape every route answers with.
type ErrorBody struct {
	Error struct {
		Code    string `json:"code"`
		Reason  string `json:"reason"`
		Message string `json:"message"`
		Field   string `json:"field"`
	} `json:"error"`
}

// Err decodes the error body.
func (r Response) Err(t testing.TB) ErrorBody {
	t.Helper()
	var e ErrorBody
	r.Decode(t, &e)
	return e
}

// Do sends a request to the process. A body that is a string or []byte is
// sent as is (to test malformed input); anything else is encoded as JSON.
// headers are name, value pairs.
func (p *Process) Do(t testing.TB, method, path string, body any, headers ...string) Response {
	t.Helper()
	return Do(t, method, p.URL+path, body, headers...)
}

// Do sends a request to any URL; see Process.Do.
func Do(t testing.TB, method, url string, body any, headers ...string) Response {
	t.Helper()
	return Send(t, http.DefaultClient, method, url, body, headers...)
}

// Send is Do with a client of the caller's (a cookie jar, no redirects…).
// A url.Values body is sent as a form.
func Send(t testing.TB, client *http.Client, method, url string, body any, headers ...string) Response {
	t.Helper()
	var r io.Reader
	contentType := "application/json"
	switch b := body.(type) {
	case nil:
	case string:
		r = bytes.NewReader([]byte(b))
	case []byte:
		r = bytes.NewReader(b)
	case neturl.Values:
		r, contentType = bytes.NewReader([]byte(b.Encode())), "application/x-www-form-urlencoded"
	default:
		data, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		r = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, url, r)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Add(headers[i], headers[i+1])
	}
	res, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return Response{Status: res.StatusCode, Header: res.Header, Body: data}
}
