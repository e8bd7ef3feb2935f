package console

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/gofiber/fiber/v2"
	"go.uber.org/fx"
)

// Panel is a page a module adds to the console, served at
// /admin/panels/<Path> and the paths under it (GET, POST, PUT, PATCH,
// DELETE) behind the console's login and CSRF check. Handler writes an
// HTML fragment, escaped by the module (html/template), and may use the
// console's stylesheet classes; the console puts a page load's fragment in
// its layout, and gives htmx's requests the fragment alone. Forms that
// change something must be sent by htmx (hx-post…), which adds the CSRF
// header.
type Panel struct {
	// Module owns the panel; Title names it in the console's navigation.
	Module, Title string
	// Path is one segment ("orders").
	Path    string
	Handler fiber.Handler
}

// URL is where the panel is served.
func (p Panel) URL() string { return Prefix + "/panels/" + p.Path }

func (p Panel) check() error {
	if p.Module == "" || p.Title == "" || p.Handler == nil || p.Path == "" || strings.ContainsAny(p.Path, "/?#") {
		return fmt.Errorf("console: panel %q of module %q needs a title, a handler and a one-segment path", p.Path, p.Module)
	}
	return nil
}

// AddPanel contributes the Panel that constructor returns (constructor
// takes what it needs from fx) to the console.
func AddPanel(constructor any) fx.Option {
	return fx.Provide(fx.Annotate(constructor, fx.ResultTags(`group:"console"`)))
}

// panelData is a panel's page: its fragment in the layout.
type panelData struct {
	Panel Panel
	Body  template.HTML
}

// panel runs a module's panel and, for a page load, wraps what it wrote
// in the layout.
func (k *Console) panel(c *fiber.Ctx) error {
	path, _, _ := strings.Cut(c.Params("*"), "/")
	p, ok := k.panels[path]
	if !ok {
		return k.problem(c, fiber.StatusNotFound, "No panel "+path+" in this process.")
	}
	if err := p.Handler(c); err != nil {
		return k.fail(c, err)
	}
	if isHTMX(c) || c.Method() != fiber.MethodGet || c.Response().StatusCode() != fiber.StatusOK {
		return nil
	}
	// The module's handler escaped what it wrote (html/template).
	body := template.HTML(c.Response().Body())
	c.Response().ResetBody()
	return k.render(c, fiber.StatusOK, "panel", p.Title, panelData{Panel: p, Body: body})
}
