package grpcserver_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"go.opentelemetry.io/otel/trace"
	"google.golang.org/grpc/metadata"
	"google.golang.org/protobuf/types/known/wrapperspb"

	"github.com/jubako/jubako/platform/grpcserver"
	"github.com/jubako/jubako/shared"
)

// inTrace is a call's context in the trace id.
func inTrace(id byte, md ...string) context.Context {
	ctx := metadata.NewIncomingContext(context.Background(), metadata.Pairs(md...))
	return trace.ContextWithSpanContext(ctx, trace.NewSpanContext(trace.SpanContextConfig{TraceID: trace.TraceID{id}, SpanID: trace.SpanID{1}}))
}

// TestIdempotencyKeys: the client's key when it gives one; else the same
// request in the same trace has the same key, and another request or
// another trace another key.
func TestIdempotencyKeys(t *testing.T) {
	key := func(ctx context.Context, text string) string {
		t.Helper()
		k, err := grpcserver.IdempotencyKey(ctx, wrapperspb.String(text))
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	if got := key(inTrace(1, grpcserver.KeyMetadata, "order-42"), "a"); got != "order-42" {
		t.Errorf("key %q, want the client's order-42", got)
	}
	first := key(inTrace(1), "a")
	for _, tc := range []struct {
		name string
		ctx  context.Context
		text string
		same bool
	}{
		{"again in the trace", inTrace(1), "a", true},
		{"another request", inTrace(1), "b", false},
		{"another trace", inTrace(2), "a", false},
	} {
		if got := key(tc.ctx, tc.text); (got == first) != tc.same || !strings.HasPrefix(got, "grpc-") {
			t.Errorf("%s: key %q, first %q; want the same: %v", tc.name, got, first, tc.same)
		}
	}
	for _, bad := range []string{strings.Repeat("k", 201), "tab\tinside"} {
		if _, err := grpcserver.IdempotencyKey(inTrace(1, grpcserver.KeyMetadata, bad), wrapperspb.String("a")); !errors.Is(err, shared.ErrInvalid) {
			t.Errorf("key %.20q: %v, want invalid", bad, err)
		}
	}
}

// TestConfigNamesABadAddress.
func TestConfigNamesABadAddress(t *testing.T) {
	for addr, ok := range map[string]bool{"": true, ":50051": true, "127.0.0.1:0": true, "[::1]:50051": true,
		"50051": false, "localhost": false, ":http2": false, ":70000": false} {
		if err := (grpcserver.Config{Addr: addr}).Validate(); (err == nil) != ok {
			t.Errorf("addr %q: %v, want ok: %v", addr, err, ok)
		}
	}
}
