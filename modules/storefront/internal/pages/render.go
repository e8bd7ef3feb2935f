package pages

import (
	"bytes"
	"fmt"
	"html/template"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/modules/storefront/internal/app"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/web"
)

// names are the shop's pages: each is the layout around the template
// "page:<name>" of web/shop.
var names = []string{"home", "product", "cart", "order", "orders", "login", "register", "error"}

// views holds one template set per page.
type views map[string]*template.Template

// loadViews parses the shop's templates.
func loadViews() (views, error) {
	base, err := template.New("shop").Funcs(funcs).ParseFS(web.ShopTemplates(), "*.html")
	if err != nil {
		return nil, fmt.Errorf("storefront: templates: %w", err)
	}
	v := views{}
	for _, name := range names {
		t, err := base.Clone()
		if err == nil {
			t, err = t.Parse(`{{define "content"}}{{template "page:` + name + `" .}}{{end}}`)
		}
		if err != nil {
			return nil, fmt.Errorf("storefront: page %s: %w", name, err)
		}
		v[name] = t
	}
	return v, nil
}

// view is what every page's template gets.
type view struct {
	Title string
	Page  string
	// User is the signed-in visitor's email; empty for guests.
	User  string
	Shell app.Shell
	// Refresh, in seconds, reloads a page that changes by itself in
	// browsers without JavaScript (htmx updates it in the others).
	Refresh int
	// Degraded names the optional parts the page left out (data-degraded).
	Degraded []string
	// Stale names the endpoints that answered from their last good reply
	// (data-stale), for a note that the page may be out of date.
	Stale []string
	Data  any
}

// render writes the page with status.
func (p *Pages) render(c *fiber.Ctx, status int, v view) error {
	var buf bytes.Buffer
	if err := p.views[v.Page].ExecuteTemplate(&buf, "layout", v); err != nil {
		return err
	}
	c.Type("html", "utf-8")
	return c.Status(status).Send(buf.Bytes())
}

// show writes a page for the visitor.
func (p *Pages) show(c *fiber.Ctx, v visitor, status int, page view) error {
	page.User = v.Email
	page.Stale = bus.StaleEndpoints(c.UserContext())
	return p.render(c, status, page)
}
