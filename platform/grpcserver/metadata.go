package grpcserver

import (
	"context"
	"crypto/subtle"
	"strings"

	"google.golang.org/grpc/metadata"

	"github.com/jubako/jubako/platform/auth"
	"github.com/jubako/jubako/shared"
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

// authorize lets through a call bearing the service token (compared in
// constant time; never when none is configured) or an admin's token: any
// other is Unauthorized, a customer's Forbidden.
func authorize(ctx context.Context, token string, keys *auth.Keys) error {
	bearer, ok := strings.CutPrefix(carrier(incoming(ctx)).Get("authorization"), "Bearer ")
	if !ok || bearer == "" {
		return shared.Errorf(shared.CodeUnauthorized, "this method needs the service token or an admin's bearer token in the authorization metadata")
	}
	if token != "" && subtle.ConstantTimeCompare([]byte(bearer), []byte(token)) == 1 {
		return nil
	}
	claims, err := keys.Verify(bearer)
	if err != nil {
		return err
	}
	if claims.Role != auth.RoleAdmin {
		return shared.Errorf(shared.CodeForbidden, "this method is for the shop's own services and admins")
	}
	return nil
}
