package transport

import (
	"html/template"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/orders/internal/app"
	"github.com/jubako/jubako/modules/orders/internal/store"
	"github.com/jubako/jubako/platform/console"
)

// salesDays is how many of the latest days with sales the panel shows.
const salesDays = 14

// SalesPanel is the console's "Sales" page: the daily_sales projection
// (completed orders per product and day, revenue per currency) beside the
// checkpoints of every orders projection.
func SalesPanel(s *app.Service) console.Panel {
	return console.Panel{Module: "orders", Title: "Sales", Path: "sales", Handler: func(c *fiber.Ctx) error {
		sales, err := s.Sales(c.UserContext(), salesDays)
		if err != nil {
			return err
		}
		projections, err := s.Projections(c.UserContext())
		if err != nil {
			return err
		}
		c.Type("html", "utf-8")
		return salesTemplate.Execute(c, salesView{Days: salesDays, Sales: sales, Projections: projections.Projections})
	}}
}

type salesView struct {
	Days        int
	Sales       []store.Sale
	Projections []orders.Projection
}

var salesTemplate = template.Must(template.New("sales").Parse(`
<div id="sales" hx-get="/admin/panels/sales" hx-select="#sales" hx-target="this" hx-swap="outerHTML" hx-trigger="every 2s">
<p>Completed orders per product and day (UTC, of the completion), from the <code>daily_sales</code> projection of the orders' events. Revenue is the lines' totals, shipping aside, in the order's currency. The latest {{.Days}} days with sales:</p>
<table class="grid" id="daily-sales"><thead><tr><th>Day</th><th>Product</th><th>Name</th><th class="n">Orders</th><th class="n">Quantity</th><th class="n">Revenue</th></tr></thead><tbody>
{{range .Sales}}<tr><td>{{.Day}}</td><td class="mono">{{.ProductID}}</td><td>{{.Name}}</td><td class="n">{{.Orders}}</td><td class="n">{{.Quantity}}</td><td class="n">{{.Revenue}}</td></tr>{{else}}<tr><td colspan="6" class="empty">No completed order yet.</td></tr>{{end}}
</tbody></table>
<h2>Projections</h2>
<table class="grid" id="projections"><thead><tr><th>Name</th><th>Kind</th><th class="n">Checkpoint</th><th class="n">Lag</th></tr></thead><tbody>
{{range .Projections}}<tr><td class="mono">{{.Name}}</td><td>{{if .Inline}}inline{{else}}tailing{{end}}</td><td class="n">{{.Checkpoint}}</td><td class="n">{{.Lag}}</td></tr>{{end}}
</tbody></table>
<p>Rebuild one with <code>POST /api/admin/projections/{name}/rebuild</code> or <code>jubako projections rebuild [name]</code>.</p>
</div>
`))
