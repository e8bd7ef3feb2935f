package identity

import (
	"net/http"
	"time"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

// Credentials are an email and a password, as a client sends them to
// register or log in.
type Credentials struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

// Token is a signed bearer token and the moment it expires.
type Token struct {
	Token     string    `json:"token"`
	ExpiresAt time.Time `json:"expires_at"`
}

// PasswordChange is the body of POST /api/auth/password.
type PasswordChange struct {
	CurrentPassword string `json:"current_password"`
	NewPassword     string `json:"new_password"`
}

// Account is a user as the API shows them.
type Account struct {
	ID    string `json:"id"`
	Email string `json:"email"`
	Role  string `json:"role"`
}

// The accounts' routes, for the API document; internal/transport mounts
// them.
var _ = bus.Routes("identity",
	bus.Route{Method: http.MethodPost, Path: "/api/auth/register", Summary: "Create a customer account",
		Description: "The password has 10 to 128 characters.",
		Body:        Credentials{}, Reply: Account{}, Status: http.StatusCreated, Errors: []*shared.Error{ErrEmailTaken}},
	bus.Route{Method: http.MethodPost, Path: "/api/auth/login", Summary: "Log in: a bearer token",
		Description: "A guest's cart (jubako_session cookie) is merged into the account's.",
		Body:        Credentials{}, Reply: Token{}, Errors: []*shared.Error{ErrBadCredentials}},
	bus.Route{Method: http.MethodPost, Path: "/api/auth/refresh", Summary: "A fresh token for the caller",
		Access: bus.Users, Reply: Token{}},
	bus.Route{Method: http.MethodGet, Path: "/api/auth/me", Summary: "The caller's account",
		Access: bus.Users, Reply: Account{}},
	bus.Route{Method: http.MethodPost, Path: "/api/auth/password", Summary: "Change the caller's password",
		Description: "Tokens already issued stay valid until they expire.", Access: bus.Users,
		Body: PasswordChange{}, Status: http.StatusNoContent, Errors: []*shared.Error{ErrBadCredentials}},
)
