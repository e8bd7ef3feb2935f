package testkit

import (
	"testing"
	"time"

	"github.com/jubako/jubako/platform/auth"
)

// SigningKey signs the tokens of test processes (FastSettings sets it as
// auth.signing_key), so tests can mint tokens without logging in.
const SigningKey = "jubako-test-signing-key-0123456789abcdef"

// Bearer returns an "Authorization" header value for a user with role,
// signed with SigningKey and valid for an hour.
func Bearer(t testing.TB, userID, role string) string {
	t.Helper()
	keys, err := auth.Load(auth.Config{SigningKey: SigningKey, TokenTTL: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	token, _, err := keys.Issue(userID, userID+"@example.com", role)
	if err != nil {
		t.Fatal(err)
	}
	return "Bearer " + token
}

// AdminBearer is Bearer for an admin.
func AdminBearer(t testing.TB) string { return Bearer(t, "test-admin", auth.RoleAdmin) }

// AdminAuthorization is an admin's "Authorization" header value, valid for
// a day; CustomerAuthorization a customer's ("test-customer").
var (
	AdminAuthorization    = mustBearer("test-admin", auth.RoleAdmin)
	CustomerAuthorization = mustBearer("test-customer", auth.RoleCustomer)
)

func mustBearer(userID, role string) string {
	keys, err := auth.Load(auth.Config{SigningKey: SigningKey, TokenTTL: 24 * time.Hour})
	if err != nil {
		panic(err)
	}
	token, _, err := keys.Issue(userID, userID+"@example.com", role)
	if err != nil {
		panic(err)
	}
	return "Bearer " + token
}
