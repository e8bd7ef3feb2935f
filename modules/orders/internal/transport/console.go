package transport

import (
	"errors"
	"html/template"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/orders/internal/app"
	"github.com/jubako/jubako/platform/console"
)

// ConsolePanel is the console's "Orders and mails" page: an order looked
// up by id, whoever placed it, with its checkout mode and timeline (each
// step's module, endpoint or event, time and trace, whichever mode ran
// it) and the mails notification sent about it.
func ConsolePanel(s *app.Service) console.Panel {
	return console.Panel{Module: "orders", Title: "Orders and mails", Path: "orders", Handler: func(c *fiber.Ctx) error {
		v := panelView{ID: strings.TrimSpace(c.Query("id"))}
		if v.ID != "" {
			r, err := s.LookUp(c.UserContext(), v.ID)
			switch {
			case errors.Is(err, orders.ErrOrderNotFound):
				v.Missing = true
			case err != nil:
				return err
			default:
				v.Record = &r
			}
		}
		c.Type("html", "utf-8")
		return panelTemplate.Execute(c, v)
	}}
}

type panelView struct {
	ID      string
	Missing bool
	Record  *app.Record
}

// Live tells whether the result may still change.
func (v panelView) Live() bool {
	return v.Missing || v.Record == nil || v.Record.Order.Status == orders.StatusPending || len(v.Record.Mails) == 0
}

// panelTemplate uses the console's stylesheet classes. The result polls
// while the order can still change (pending, or no mail sent yet), so that
// an open mail stays open once it is final.
var panelTemplate = template.Must(template.New("orders").Funcs(template.FuncMap{"lower": strings.ToLower}).Parse(`
<form class="filters" method="get" action="/admin/panels/orders">
  <label>Order id <input name="id" value="{{.ID}}" size="40" placeholder="the id POST /api/checkout answered" autofocus></label>
  <button type="submit">Find</button>
</form>
{{if .ID}}<div id="order-result"{{if .Live}} hx-get="/admin/panels/orders?id={{.ID}}" hx-select="#order-result" hx-target="this" hx-swap="outerHTML" hx-trigger="every 2s"{{end}}>
{{if .Missing}}<p class="empty">No order {{.ID}}.</p>{{end}}
{{with .Record}}{{$o := .Order}}
<dl class="facts">
  <dt>Order</dt><dd class="mono">{{$o.ID}}{{if eq $o.CheckoutMode "orchestration"}} · <a href="/admin/sagas/{{$o.ID}}">checkout saga</a>{{end}}</dd>
  <dt>Checkout</dt><dd id="order-mode">{{$o.CheckoutMode}}</dd>
  <dt>Status</dt><dd><span class="badge {{lower $o.Status}}" id="order-status">{{$o.Status}}</span>{{with $o.CancellationReason}} <span class="bad">{{.}}</span>{{end}}</dd>
  <dt>Customer</dt><dd>{{$o.Email}} <small class="mono">({{.UserID}})</small></dd>
  <dt>Ship to</dt><dd>{{$o.Address.StreetAddress}}, {{$o.Address.ZipCode}} {{$o.Address.City}}, {{$o.Address.State}}, {{$o.Address.Country}}</dd>
  <dt>Total</dt><dd>{{$o.Total}} <small>(shipping {{$o.ShippingCost}})</small></dd>
  <dt>Payment</dt><dd class="mono">{{or $o.TransactionID "—"}}</dd>
  <dt>Tracking</dt><dd class="mono">{{or $o.TrackingID "—"}}</dd>
  <dt>Placed</dt><dd>{{$o.CreatedAt.UTC.Format "2006-01-02 15:04:05Z"}} · updated {{$o.UpdatedAt.UTC.Format "15:04:05Z"}}</dd>
</dl>
<h2>Items</h2>
<table class="grid"><thead><tr><th>Product</th><th>Name</th><th class="n">Quantity</th><th class="n">Unit price</th><th class="n">Total</th></tr></thead><tbody>
{{range $o.Items}}<tr><td class="mono">{{.ProductID}}</td><td>{{.Name}}</td><td class="n">{{.Quantity}}</td><td class="n">{{.UnitPrice}}</td><td class="n">{{.Total}}</td></tr>{{end}}
</tbody></table>
<h2>Checkout timeline</h2>
<table class="grid" id="order-timeline"><thead><tr><th>Step</th><th>Phase</th><th>Outcome</th><th>Module</th><th>Event</th><th class="n">Attempt</th><th>Finished</th><th>Trace</th><th>Error</th></tr></thead><tbody>
{{range $o.Steps}}<tr><td>{{.Name}}</td><td>{{.Phase}}</td><td><span class="badge {{.Status}}">{{.Status}}</span></td><td>{{.Module}}</td><td class="mono">{{.Event}}</td><td class="n">{{.Attempt}}</td><td>{{.FinishedAt.UTC.Format "15:04:05.000Z"}}</td>
<td class="mono">{{with .TraceID}}<a href="/admin/traces/{{.}}">{{printf "%.8s" .}}</a>{{else}}—{{end}}</td><td class="bad">{{.Error}}</td></tr>{{else}}<tr><td colspan="9" class="empty">No step yet.</td></tr>{{end}}
</tbody></table>
<h2>Mails</h2>
{{with .MailsError}}<div class="flash bad">The mails cannot be read now: {{.}}</div>{{end}}
<table class="grid" id="order-mails"><thead><tr><th>Kind</th><th>To</th><th>Subject</th><th>Sent</th><th>Body</th></tr></thead><tbody>
{{range .Mails}}<tr><td><span class="badge">{{.Kind}}</span></td><td>{{.To}}</td><td>{{.Subject}}</td><td>{{.SentAt.UTC.Format "2006-01-02 15:04:05Z"}}</td>
<td><details><summary>show</summary><pre>{{.Body}}</pre></details></td></tr>{{else}}<tr><td colspan="5" class="empty">No mail sent yet.</td></tr>{{end}}
</tbody></table>
{{end}}
</div>{{end}}
`))
