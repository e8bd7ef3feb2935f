package transport

import (
	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/modules/identity"
	"github.com/jubako/jubako/modules/identity/internal/app"
	"github.com/jubako/jubako/platform/gateway"
)

// RegisterHTTP mounts /api/auth, described in the contract (http.go):
//
//	POST /api/auth/register {"email","password"} → 201 {"id","email","role"}
//	POST /api/auth/login    {"email","password"} → {"token","expires_at"}
//	POST /api/auth/refresh  (bearer)             → {"token","expires_at"}
//	GET  /api/auth/me       (bearer)             → {"id","email","role"}
//	POST /api/auth/password (bearer) {"current_password","new_password"} → 204
func RegisterHTTP(g *gateway.Gateway, s *app.Service) {
	r := g.Route("identity", "/api/auth")
	r.Post("/register", register(s))
	r.Post("/login", login(s))
	r.Post("/refresh", gateway.RequireUser(), refresh(s))
	r.Get("/me", gateway.RequireUser(), me(s))
	r.Post("/password", gateway.RequireUser(), changePassword(s))
}

func changePassword(s *app.Service) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var req identity.PasswordChange
		if err := gateway.Bind(c, &req); err != nil {
			return err
		}
		if err := s.ChangePassword(c.UserContext(), gateway.UserID(c), req); err != nil {
			return err
		}
		return c.SendStatus(fiber.StatusNoContent)
	}
}

func register(s *app.Service) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var req identity.Credentials
		if err := gateway.Bind(c, &req); err != nil {
			return err
		}
		u, err := s.Register(c.UserContext(), req)
		if err != nil {
			return err
		}
		return c.Status(fiber.StatusCreated).JSON(identity.Account{ID: u.ID, Email: u.Email, Role: u.Role})
	}
}

func login(s *app.Service) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var req identity.Credentials
		if err := gateway.Bind(c, &req); err != nil {
			return err
		}
		// A guest logging in brings their cart into the account.
		token, err := s.Login(c.UserContext(), req, gateway.GuestID(c))
		if err != nil {
			return err
		}
		return sendToken(c, token)
	}
}

func refresh(s *app.Service) fiber.Handler {
	return func(c *fiber.Ctx) error {
		token, err := s.Refresh(c.UserContext(), gateway.UserID(c))
		if err != nil {
			return err
		}
		return sendToken(c, token)
	}
}

// sendToken answers with a token that no cache may keep.
func sendToken(c *fiber.Ctx, token identity.Token) error {
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(token)
}

func me(s *app.Service) fiber.Handler {
	return func(c *fiber.Ctx) error {
		u, err := s.Me(c.UserContext(), gateway.UserID(c))
		if err != nil {
			return err
		}
		return c.JSON(identity.Account{ID: u.ID, Email: u.Email, Role: u.Role})
	}
}
