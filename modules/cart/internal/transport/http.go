package transport

import (
	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/modules/cart"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/gateway"
)

// RegisterHTTP mounts the caller's own cart at /api/cart, described in the
// contract (http.go). The owner is always the caller (gateway.UserID, a
// guest cookie for visitors), never a value from the request:
//
//	GET    /api/cart        → Cart
//	POST   /api/cart/items  {"product_id", "quantity"} → Cart
//	DELETE /api/cart        → Cart (empty)
func RegisterHTTP(g *gateway.Gateway, b *bus.Bus) {
	r := g.API("cart")
	r.Get("/", getCart(b))
	r.Post("/items", addItem(b))
	r.Delete("/", emptyCart(b))
}

func getCart(b *bus.Bus) fiber.Handler {
	return func(c *fiber.Ctx) error {
		got, err := cart.GetCart.Call(c.UserContext(), b, cart.GetCartRequest{UserID: gateway.UserID(c)})
		if err != nil {
			return err
		}
		return reply(c, got)
	}
}

func addItem(b *bus.Bus) fiber.Handler {
	return func(c *fiber.Ctx) error {
		// What a client may send: the owner is not part of it.
		var body cart.Item
		if err := gateway.Bind(c, &body); err != nil {
			return err
		}
		req := cart.AddItemRequest{UserID: gateway.UserID(c), ProductID: body.ProductID, Quantity: body.Quantity}
		got, err := cart.AddItem.Call(c.UserContext(), b, req)
		if err != nil {
			return err
		}
		return reply(c, got)
	}
}

func emptyCart(b *bus.Bus) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if _, err := cart.EmptyCart.Call(c.UserContext(), b, cart.EmptyCartRequest{UserID: gateway.UserID(c)}); err != nil {
			return err
		}
		return reply(c, cart.Cart{Items: []cart.Item{}})
	}
}

// reply sends the cart without its owner id: for a guest that id is the
// session secret, which the HttpOnly cookie keeps away from scripts.
func reply(c *fiber.Ctx, got cart.Cart) error {
	got.UserID = ""
	return c.JSON(got)
}
