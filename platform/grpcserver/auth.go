package grpcserver

import (
	"context"
	"crypto/subtle"
	"strings"

	"github.com/jubako/jubako/platform/auth"
	"github.com/jubako/jubako/shared"
)

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
