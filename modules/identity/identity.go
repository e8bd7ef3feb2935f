// Package identity is the public contract of the identity module: the
// shop's user accounts (customers and admins). Accounts are created and
// logged in to over HTTP at /api/auth, which issues the JWTs the gateway
// verifies; other modules only look users up.
package identity

import (
	"time"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

// User is an account. Role is "customer" or "admin" (the roles of the
// gateway's tokens); Email is lower-case.
type User struct {
	ID        string    `json:"id"`
	Email     string    `json:"email"`
	Role      string    `json:"role"`
	CreatedAt time.Time `json:"created_at"`
}

// GetUserRequest names a user.
type GetUserRequest struct {
	UserID string `json:"user_id"`
}

// GetUser returns one user, or ErrUserNotFound.
var GetUser = bus.Endpoint[GetUserRequest, User]("identity.GetUser", bus.Idempotent())

// ErrUserNotFound is returned for an unknown user id.
var ErrUserNotFound = shared.NewReason(shared.CodeNotFound, "user_not_found", "user not found")

// ErrEmailTaken is returned when registering an email that has an account.
var ErrEmailTaken = shared.NewReason(shared.CodeConflict, "email_taken", "an account with this email exists")

// ErrBadCredentials is the one answer to a failed login, whether the email
// is unknown or the password wrong, so that it reveals no account.
var ErrBadCredentials = shared.NewReason(shared.CodeUnauthorized, "bad_credentials", "wrong email or password")

// LogInRequest is a login on the bus: the credentials and, when the
// caller came as a guest, their guest id, whose cart moves into the
// account.
type LogInRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
	GuestID  string `json:"guest_id,omitempty"`
}

// LogIn is POST /api/auth/login for callers on the bus (the shop's pages):
// a token for the account, the guest's cart merged into it first. Wrong
// credentials are ErrBadCredentials. Merging is idempotent, so a retried
// login moves nothing twice.
var LogIn = bus.Endpoint[LogInRequest, Token]("identity.LogIn", bus.Idempotent())

// Register is POST /api/auth/register for callers on the bus: a customer
// account. A taken email is ErrEmailTaken on field "email"; a bad email or
// password is Invalid naming it.
var Register = bus.Endpoint[Credentials, User]("identity.Register")

// The accounts are served at /api/auth, besides /api/identity.
var _ = bus.PublicPaths("identity", "/api/auth")
