package remote_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

// calls of the two kinds a transport treats differently.
var calls = []struct {
	name       string
	idempotent bool
	call       func(context.Context, *bus.Bus) error
}{
	{name: "idempotent", idempotent: true, call: func(ctx context.Context, b *bus.Bus) error {
		_, err := add.Call(ctx, b, addRequest{A: 1, B: 2})
		return err
	}},
	{name: "non-idempotent", call: func(ctx context.Context, b *bus.Bus) error {
		_, err := record.Call(ctx, b, recordRequest{Value: "once"})
		return err
	}},
}

func TestUnreachableModuleIsUnavailable(t *testing.T) {
	dead := deadURL(t)
	client := startClient(t, dead, nil)
	for _, c := range calls {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			err := c.call(t.Context(), client.Bus)
			if elapsed := time.Since(start); !errors.Is(err, shared.ErrUnavailable) || elapsed > 2*time.Second {
				t.Fatalf("call ended after %s with %s, want unavailable quickly", elapsed, describe(err))
			}
			if msg := shared.AsError(err).Message; !strings.Contains(msg, "calc") {
				t.Errorf("message %q does not name the module", msg)
			}
		})
	}
}

// A failure is how a broken server answers one internal call.
type failure func(w http.ResponseWriter, r *http.Request) error

// hangUp reads the call, then closes the connection without a word: the
// call may or may not have run.
func hangUp(w http.ResponseWriter, r *http.Request) error {
	if _, err := io.Copy(io.Discard, r.Body); err != nil {
		return err
	}
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return err
	}
	return conn.Close()
}

// garbage answers with something that is not HTTP.
func garbage(w http.ResponseWriter, r *http.Request) error {
	if _, err := io.Copy(io.Discard, r.Body); err != nil {
		return err
	}
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := buf.WriteString("NOT HTTP AT ALL\r\n\r\n"); err != nil {
		return err
	}
	return buf.Flush()
}

func TestOnlyIdempotentCallsAreRetried(t *testing.T) {
	failures := []struct {
		name string
		fail failure
	}{{name: "hang up", fail: hangUp}, {name: "garbage", fail: garbage}}
	for _, f := range failures {
		t.Run(f.name, func(t *testing.T) {
			var attempts atomic.Int64
			broken := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if strings.HasPrefix(r.URL.Path, "/internal/bus/calc.") {
					attempts.Add(1)
				}
				if err := f.fail(w, r); err != nil {
					t.Error(err)
				}
			}))
			t.Cleanup(broken.Close)
			client := startClient(t, broken.URL, nil)
			for _, c := range calls {
				t.Run(c.name, func(t *testing.T) {
					attempts.Store(0)
					err := c.call(t.Context(), client.Bus)
					if !errors.Is(err, shared.ErrUnavailable) {
						t.Errorf("got %s, want unavailable", describe(err))
					}
					want := int64(1)
					if c.idempotent {
						want = 3
					}
					if got := attempts.Load(); got != want {
						t.Errorf("the server got %d attempts, want %d", got, want)
					}
				})
			}
		})
	}
}
