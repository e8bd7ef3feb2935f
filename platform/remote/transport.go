// Package remote carries bus calls between the processes of a topology:
// a Transport that posts a call as JSON to /internal/bus/<endpoint> of the
// process serving the module, and the route that serves it there. Calls
// carry the service token, the caller's deadline and its trace context;
// errors come back as shared.Error values, so errors.Is behaves as for a
// local call. Transport failures are Unavailable.
package remote

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"strconv"
	"time"

	"github.com/valyala/fasthttp"
	"go.opentelemetry.io/otel"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

// Header carrying the caller's remaining time, in milliseconds.
const headerTimeout = "X-Jubako-Timeout-Ms"

// attempts bounds tries of a call whose connection was refused.
const attempts = 3

// Transport calls one remote module over HTTP. It is safe for concurrent
// use and keeps connections alive.
type Transport struct {
	module  string
	base    string
	token   string
	timeout time.Duration
	client  *fasthttp.Client
}

// NewTransport returns a transport to the module served at base.
func NewTransport(module, base string, cfg Config, client *fasthttp.Client) *Transport {
	return &Transport{module: module, base: base, token: cfg.Token, timeout: cfg.Timeout, client: client}
}

// NewClient returns the HTTP client the transports and the gateway share.
// It never repeats a request itself: fasthttp would resend even a POST
// whose connection closed before the answer, after the handler may have
// run; retries are the Transport's decision. Idle connections are dropped
// well before a server's idle timeout (its read timeout, 30s by default)
// would close them under a request.
func NewClient() *fasthttp.Client {
	return &fasthttp.Client{
		MaxIdemponentCallAttempts: 1,
		MaxConnsPerHost:           512,
		MaxIdleConnDuration:       5 * time.Second,
		ReadTimeout:               time.Minute,
		WriteTimeout:              time.Minute,
		NoDefaultUserAgentHeader:  true,
	}
}

// Invoke implements bus.Transport. A call is tried again here only when
// the request could not have left (the connection was refused), which is
// safe for any endpoint; retrying an idempotent endpoint after any other
// failure is the business of the caller's resilience policy (one place
// that counts the tries, and that a saga's step asks not to retry).
func (t *Transport) Invoke(ctx context.Context, c *bus.Call) error {
	body, err := json.Marshal(c.Request)
	if err != nil {
		return fmt.Errorf("encode %s: %w", c.Name, err)
	}
	var last error
	for i := range attempts {
		status, reply, err := t.post(ctx, c.Name, body)
		if err == nil {
			markStale(ctx, reply.stale)
			return decodeReply(status, reply.body, c.Reply)
		}
		last = err
		if i+1 == attempts || ctx.Err() != nil || !notSent(err) {
			break
		}
		select {
		case <-ctx.Done():
		case <-time.After(time.Duration(25<<i) * time.Millisecond):
		}
	}
	return shared.Errorf(shared.CodeUnavailable, "module %s at %s is unreachable: %v", t.module, t.base, last)
}

// answer is a reply's body and its HeaderStale.
type answer struct {
	body  []byte
	stale string
}

// markStale records in the caller's context the stale answers the remote
// call was built from (bus.HeaderStale), so that a stale answer two
// processes away still marks the edge's answer.
func markStale(ctx context.Context, header string) {
	if header == "" {
		return
	}
	for _, s := range bus.ParseStale(header) {
		bus.MarkStale(ctx, s.Endpoint, s.Age)
	}
}

func (t *Transport) post(ctx context.Context, name string, body []byte) (int, answer, error) {
	req, res := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(res)
	req.SetRequestURI(t.base + "/internal/bus/" + name)
	req.Header.SetMethod(fasthttp.MethodPost)
	req.Header.SetContentType("application/json")
	req.Header.Set(fasthttp.HeaderAuthorization, "Bearer "+t.token)
	otel.GetTextMapPropagator().Inject(ctx, headerCarrier{&req.Header})
	deadline := time.Now().Add(t.timeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	// Rounded up: a remainder under a millisecond must not read as none.
	left := (time.Until(deadline) + time.Millisecond - 1) / time.Millisecond
	req.Header.Set(headerTimeout, strconv.FormatInt(int64(left), 10))
	req.SetBody(body)
	if err := t.client.DoDeadline(req, res, deadline); err != nil {
		return 0, answer{}, err
	}
	a := answer{body: append([]byte(nil), res.Body()...)}
	if h := res.Header.Peek(bus.HeaderStale); len(h) > 0 {
		a.stale = string(h)
	}
	return res.StatusCode(), a, nil
}

func decodeReply(status int, body []byte, reply any) error {
	if status == fasthttp.StatusOK {
		if err := json.Unmarshal(body, reply); err != nil {
			return shared.Errorf(shared.CodeInternal, "decode reply: %v", err)
		}
		return nil
	}
	var wire struct {
		Error *shared.Error `json:"error"`
	}
	if err := json.Unmarshal(body, &wire); err == nil && wire.Error != nil && wire.Error.Code != "" {
		return wire.Error
	}
	return &shared.Error{Code: shared.CodeForStatus(status), Message: fmt.Sprintf("status %d: %.200s", status, body)}
}

// notSent reports a failure to connect: the request never left.
func notSent(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial" || errors.Is(err, fasthttp.ErrDialTimeout)
}

// headerCarrier lets the propagators write a request's headers directly.
type headerCarrier struct{ h *fasthttp.RequestHeader }

func (c headerCarrier) Get(key string) string { return string(c.h.Peek(key)) }
func (c headerCarrier) Set(key, value string) { c.h.Set(key, value) }
func (c headerCarrier) Keys() []string        { return nil }
