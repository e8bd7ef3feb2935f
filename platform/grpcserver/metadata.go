package grpcserver

import (
	"context"

	"google.golang.org/grpc/metadata"
)

// carrier lets the OpenTelemetry propagators read and write gRPC metadata,
// where OpenTelemetry's gRPC instrumentation (as in Online Boutique's
// frontend) puts the W3C trace context.
type carrier metadata.MD

// Get returns the first value of key.
func (c carrier) Get(key string) string {
	if v := metadata.MD(c).Get(key); len(v) > 0 {
		return v[0]
	}
	return ""
}

// Set sets key.
func (c carrier) Set(key, value string) { metadata.MD(c).Set(key, value) }

// Keys lists the keys present.
func (c carrier) Keys() []string {
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	return keys
}

// incoming is the request's metadata, never nil.
func incoming(ctx context.Context) metadata.MD {
	md, ok := metadata.FromIncomingContext(ctx)
	if !ok {
		return metadata.MD{}
	}
	return md
}
