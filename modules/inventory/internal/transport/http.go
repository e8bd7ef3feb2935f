package transport

import (
	"context"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/modules/catalog"
	"github.com/jubako/jubako/modules/inventory"
	"github.com/jubako/jubako/modules/inventory/internal/domain"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/shared"
)

// RegisterHTTP mounts /api/inventory, described in the contract (http.go).
// Handlers go through the bus, so a request behaves as a call from another
// module would; a product the catalog does not hold is 404:
//
//	GET /api/inventory/stock/:product_id  → Stock
//	PUT /api/inventory/stock/:product_id  {"on_hand": 5} → Stock (admin)
func RegisterHTTP(g *gateway.Gateway, b *bus.Bus) {
	r := g.API("inventory")
	r.Get("/stock/:product_id", getStock(b))
	r.Put("/stock/:product_id", g.RequireAdmin(), setStock(b))
}

func getStock(b *bus.Bus) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id := c.Params("product_id")
		if err := inCatalog(c.UserContext(), b, id); err != nil {
			return err
		}
		s, err := inventory.GetStock.Call(c.UserContext(), b, inventory.StockRequest{ProductID: id})
		if err != nil {
			return err
		}
		return c.JSON(s)
	}
}

func setStock(b *bus.Bus) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var body inventory.StockUpdate
		if err := gateway.Bind(c, &body); err != nil {
			return err
		}
		if body.OnHand == nil {
			return shared.Invalid("on_hand", "is required")
		}
		req := inventory.SetStockRequest{ProductID: c.Params("product_id"), OnHand: *body.OnHand}
		if err := inCatalog(c.UserContext(), b, req.ProductID); err != nil {
			return err
		}
		s, err := inventory.SetStock.Call(c.UserContext(), b, req)
		if err != nil {
			return err
		}
		return c.JSON(s)
	}
}

// inCatalog checks that id is a well-formed id of a catalog product: the
// inventory keeps stock for any id a reservation names, but an operator's
// typo must not read or set stock nobody sells.
func inCatalog(ctx context.Context, b *bus.Bus, id string) error {
	if err := domain.ValidateProductID("product_id", id); err != nil {
		return err
	}
	_, err := catalog.GetProduct.Call(ctx, b, catalog.GetProductRequest{ID: id})
	return err
}
