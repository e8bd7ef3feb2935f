package loadgen

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"time"
)

// user is a virtual shopper: its own cookies (the shop's guest session,
// the currency it chose), its own random choices.
type user struct {
	base   string
	client *http.Client
	rng    *rand.Rand
}

func newUser(base string, transport http.RoundTripper, timeout time.Duration, rng *rand.Rand) *user {
	jar, _ := cookiejar.New(nil) // never fails without options
	return &user{base: strings.TrimSuffix(base, "/"), client: &http.Client{Jar: jar, Transport: transport, Timeout: timeout}, rng: rng}
}

// statusError is an answer other than 200, once redirects are followed.
type statusError struct {
	method, path string
	status       int
}

func (e *statusError) Error() string { return fmt.Sprintf("%s %s: %d", e.method, e.path, e.status) }

func (u *user) get(ctx context.Context, path string) error {
	return u.send(ctx, http.MethodGet, path, nil)
}

// post sends a form, as a browser does — and as OB's load generator does,
// without fetching a token first.
func (u *user) post(ctx context.Context, path string, form url.Values) error {
	return u.send(ctx, http.MethodPost, path, form)
}

func (u *user) send(ctx context.Context, method, path string, form url.Values) error {
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, u.base+path, body)
	if err != nil {
		return err
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	res, err := u.client.Do(req)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer res.Body.Close()
	if _, err := io.Copy(io.Discard, res.Body); err != nil {
		return fmt.Errorf("%s %s: %w", method, path, err)
	}
	if res.StatusCode != http.StatusOK {
		return &statusError{method: method, path: path, status: res.StatusCode}
	}
	return nil
}

// counting is the users' transport: it counts every round trip, redirects
// included, by status (0 when no answer came) — but those the run's end
// cut short.
type counting struct {
	next  http.RoundTripper
	stats *Stats
}

func (c counting) RoundTrip(req *http.Request) (*http.Response, error) {
	res, err := c.next.RoundTrip(req)
	switch {
	case err == nil:
		c.stats.request(res.StatusCode)
	case req.Context().Err() == nil: // not cut short by the run's end
		c.stats.request(0)
	}
	return res, err
}
