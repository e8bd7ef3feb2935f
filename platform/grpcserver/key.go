package grpcserver

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.opentelemetry.io/otel/trace"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/proto"

	"github.com/jubako/jubako/shared"
)

// KeyMetadata is the metadata key by which a client may give a call that
// changes something its idempotency key.
const KeyMetadata = "idempotency-key"

// IdempotencyKey returns the idempotency key of a call that changes
// something, for protocols that have none: the client's idempotency-key
// metadata when it sends one; otherwise a digest of the method, the
// request and the trace the call belongs to. A call repeated within its
// trace (a caller retrying the same step) gets the same key and so the
// first outcome; the same request in another trace is another operation.
// A call that brings no trace context runs in a trace of its own, so it is
// never taken for another.
func IdempotencyKey(ctx context.Context, req proto.Message) (string, error) {
	if key := carrier(incoming(ctx)).Get(KeyMetadata); key != "" {
		return key, checkKey(key)
	}
	body, err := proto.MarshalOptions{Deterministic: true}.Marshal(req)
	if err != nil {
		return "", err
	}
	method, _ := grpc.Method(ctx)
	traceID := trace.SpanContextFromContext(ctx).TraceID()
	h := sha256.New()
	for _, part := range [][]byte{[]byte(method), {0}, traceID[:], body} {
		h.Write(part)
	}
	return "grpc-" + hex.EncodeToString(h.Sum(nil)[:16]), nil
}

// maxKey bounds a client's key, as the HTTP Idempotency-Key is bounded.
const maxKey = 200

// checkKey accepts printable UTF-8 text of at most maxKey bytes.
func checkKey(key string) error {
	if len(key) > maxKey || !utf8.ValidString(key) || strings.ContainsFunc(key, unicode.IsControl) {
		return shared.Invalid(KeyMetadata, "must be printable UTF-8 text of at most %d bytes", maxKey)
	}
	return nil
}
