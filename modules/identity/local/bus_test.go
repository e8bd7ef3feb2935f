package local_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"testing"

	"github.com/jubako/jubako/modules/cart"
	"github.com/jubako/jubako/modules/identity"
	"github.com/jubako/jubako/platform/auth"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// TestRegisterAndLogInOnTheBus: identity.Register and identity.LogIn do on
// the bus what /api/auth/register and /api/auth/login do over HTTP — an
// account, a token the gateway accepts, the guest's cart moved into the
// account once — and refuse the same mistakes, naming the field.
func TestRegisterAndLogInOnTheBus(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		ctx := context.Background()
		p, _ := start(t, be, nil)
		u, err := identity.Register.Call(ctx, p.Bus, identity.Credentials{Email: "Grace@Example.com", Password: "grace's long secret"})
		if err != nil || u.Email != "grace@example.com" || u.Role != auth.RoleCustomer {
			t.Fatalf("register: %+v %v", u, err)
		}
		const guest = "guest-6f1d7c7e-0000-4000-8000-000000000001"
		if _, err := cart.AddItem.Call(ctx, p.Bus, cart.AddItemRequest{UserID: guest, ProductID: mug, Quantity: 2}); err != nil {
			t.Fatal(err)
		}
		login := identity.LogInRequest{Email: "grace@example.com", Password: "grace's long secret", GuestID: guest}
		for range 2 {
			token, err := identity.LogIn.Call(ctx, p.Bus, login)
			if err != nil {
				t.Fatalf("log in: %v", err)
			}
			if status, a := me(t, p, "Bearer "+token.Token); status != http.StatusOK || a.ID != u.ID {
				t.Errorf("GET /api/auth/me with the token: %d %+v, want grace", status, a)
			}
		}
		c, err := cart.GetCart.Call(ctx, p.Bus, cart.GetCartRequest{UserID: u.ID})
		if want := []cart.Item{{ProductID: mug, Quantity: 2}}; err != nil || !slices.Equal(c.Items, want) {
			t.Errorf("the account's cart %v (%v), want %v: the guest's items, moved once", c.Items, err, want)
		}

		for _, tc := range []struct {
			name  string
			call  func() error
			want  error
			field string
		}{
			{"the email again", func() error {
				_, err := identity.Register.Call(ctx, p.Bus, identity.Credentials{Email: "grace@example.com", Password: "another long secret"})
				return err
			}, identity.ErrEmailTaken, "email"},
			{"a short password", func() error {
				_, err := identity.Register.Call(ctx, p.Bus, identity.Credentials{Email: "ada@example.com", Password: "short"})
				return err
			}, shared.ErrInvalid, "password"},
			{"a wrong password", func() error {
				_, err := identity.LogIn.Call(ctx, p.Bus, identity.LogInRequest{Email: "grace@example.com", Password: "not her secret"})
				return err
			}, identity.ErrBadCredentials, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				err := tc.call()
				if !errors.Is(err, tc.want) || shared.AsError(err).Field != tc.field {
					t.Errorf("%v, want %v on field %q", err, tc.want, tc.field)
				}
			})
		}
	})
}
