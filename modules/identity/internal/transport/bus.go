// Package transport exposes identity over the bus and HTTP.
package transport

import (
	"context"

	"github.com/jubako/jubako/modules/identity"
	"github.com/jubako/jubako/modules/identity/internal/app"
	"github.com/jubako/jubako/platform/bus"
)

// RegisterBus serves identity's endpoints.
func RegisterBus(b *bus.Bus, s *app.Service) {
	identity.GetUser.Handle(b, s.GetUser)
	identity.LogIn.Handle(b, func(ctx context.Context, req identity.LogInRequest) (identity.Token, error) {
		return s.Login(ctx, identity.Credentials{Email: req.Email, Password: req.Password}, req.GuestID)
	})
	identity.Register.Handle(b, s.Register)
}
