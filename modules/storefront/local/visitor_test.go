package local_test

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"
)

// visitor is a browser without JavaScript: a cookie jar, plain GETs and
// form posts, redirects seen rather than followed.
type visitor struct {
	t      *testing.T
	base   string
	client *http.Client
}

func newVisitor(t *testing.T, base string) *visitor {
	jar, _ := cookiejar.New(nil) // never fails without options
	return &visitor{t: t, base: base, client: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// page is an answer as a visitor sees it.
type page struct {
	status int
	header http.Header
	body   string
}

func (v *visitor) send(req *http.Request) page {
	v.t.Helper()
	res, err := v.client.Do(req)
	if err != nil {
		v.t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		v.t.Fatal(err)
	}
	return page{status: res.StatusCode, header: res.Header, body: string(body)}
}

// get opens a page; headers are name, value pairs.
func (v *visitor) get(path string, headers ...string) page {
	v.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, v.base+path, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return v.send(req)
}

// post sends a form, as an HTML form does (or a script).
func (v *visitor) post(path string, form url.Values, headers ...string) page {
	v.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, v.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return v.send(req)
}

// want fails the test unless the page has status and holds every text.
func (p page) want(t *testing.T, status int, texts ...string) {
	t.Helper()
	if p.status != status {
		t.Fatalf("status %d, want %d:\n%s", p.status, status, p.body)
	}
	for _, s := range texts {
		if !strings.Contains(p.body, s) {
			t.Errorf("the page lacks %q:\n%s", s, p.body)
		}
	}
}

func (p page) cookies() []*http.Cookie { return (&http.Response{Header: p.header}).Cookies() }

// redirects fails the test unless the answer is a 303 to location.
func (p page) redirects(t *testing.T, location string) {
	t.Helper()
	if p.status != http.StatusSeeOther || p.header.Get("Location") != location {
		t.Fatalf("%d to %q, want 303 to %s:\n%s", p.status, p.header.Get("Location"), location, p.body)
	}
}
