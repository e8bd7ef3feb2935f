package console

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/utils"

	"github.com/jubako/jubako/shared"
	"github.com/jubako/jubako/web"
)

// pages are the console's pages: each is the layout around the template
// "page:<name>"; the part of it that updates live is "live:<name>".
var pages = []string{"login", "error", "overview", "map", "messages", "sagas", "saga", "traces", "trace", "faults", "config", "panel"}

// views holds one template set per page.
type views struct {
	base  *template.Template
	pages map[string]*template.Template
}

// loadViews parses the templates, with color giving each module its colour.
func loadViews(color func(module string) string) (*views, error) {
	base, err := template.New("console").Funcs(funcs).Funcs(template.FuncMap{"color": color}).ParseFS(web.Templates(), "*.html")
	if err != nil {
		return nil, fmt.Errorf("console: templates: %w", err)
	}
	v := &views{base: base, pages: map[string]*template.Template{}}
	for _, p := range pages {
		t, err := base.Clone()
		if err == nil {
			t, err = t.Parse(`{{define "content"}}{{template "page:` + p + `" .}}{{end}}`)
		}
		if err != nil {
			return nil, fmt.Errorf("console: page %s: %w", p, err)
		}
		v.pages[p] = t
	}
	return v, nil
}

// view is what every template gets.
type view struct {
	Title string
	Page  string
	// User is the admin's email; empty on the login and error pages of a
	// visitor without a session.
	User   string
	CSRF   string
	Panels []Panel
	Data   any
}

// render writes a whole page.
func (k *Console) render(c *fiber.Ctx, status int, page, title string, data any) error {
	var buf bytes.Buffer
	if err := k.views.pages[page].ExecuteTemplate(&buf, "layout", k.view(c, page, title, data)); err != nil {
		return err
	}
	c.Type("html", "utf-8")
	return c.Status(status).Send(buf.Bytes())
}

// fragment writes one named template, without the layout.
func (k *Console) fragment(c *fiber.Ctx, status int, name string, data any) error {
	var buf bytes.Buffer
	if err := k.views.base.ExecuteTemplate(&buf, name, k.view(c, "", "", data)); err != nil {
		return err
	}
	c.Type("html", "utf-8")
	return c.Status(status).Send(buf.Bytes())
}

func (k *Console) view(c *fiber.Ctx, page, title string, data any) view {
	v := view{Title: title, Page: page, Panels: k.d.Panels, Data: data}
	if s, ok := sessionOf(c); ok {
		v.User, v.CSRF = s.claims.Email, s.csrf
	}
	return v
}

// loader reads what a page shows.
type loader func(c *fiber.Ctx) (any, error)

// page serves a whole page, its live part rendered in place.
func (k *Console) page(name, title string, load loader) fiber.Handler {
	return func(c *fiber.Ctx) error {
		data, err := load(c)
		if err != nil {
			return k.fail(c, err)
		}
		return k.render(c, fiber.StatusOK, name, title, data)
	}
}

// live serves the part of a page that polls.
func (k *Console) live(name string, load loader) fiber.Handler {
	return func(c *fiber.Ctx) error {
		data, err := load(c)
		if err != nil {
			return k.fragment(c, statusOf(err), "problem", problem{Status: statusOf(err), Message: describe(err)})
		}
		return k.fragment(c, fiber.StatusOK, "live:"+name, data)
	}
}

// problem is an error page's content.
type problem struct {
	Status  int
	Message string
}

// fail shows err as a page (or a fragment, to htmx) with its status.
func (k *Console) fail(c *fiber.Ctx, err error) error {
	status := statusOf(err)
	if status >= fiber.StatusInternalServerError {
		k.d.Log.ErrorContext(c.UserContext(), "console page failed", "path", c.Path(), "error", err)
	}
	return k.problem(c, status, describe(err))
}

func (k *Console) problem(c *fiber.Ctx, status int, msg string) error {
	if isHTMX(c) {
		return k.fragment(c, status, "problem", problem{Status: status, Message: msg})
	}
	return k.render(c, status, "error", utils.StatusMessage(status), problem{Status: status, Message: msg})
}

func statusOf(err error) int { return shared.CodeOf(err).HTTPStatus() }

// describe is an error as an operator reads it, secrets scrubbed.
func describe(err error) string {
	e := shared.AsError(err)
	msg := e.Message
	switch {
	case e.Code == shared.CodeInternal:
		msg = "internal error: " + err.Error()
	case e.Field != "":
		msg = e.Field + ": " + msg
	}
	return scrub(msg)
}

// isHTMX tells htmx's requests (fragments) from a browser's page loads.
func isHTMX(c *fiber.Ctx) bool { return c.Get("HX-Request") == "true" }

// static serves the embedded assets.
func (k *Console) static(c *fiber.Ctx) error {
	name := c.Params("*")
	data, err := fs.ReadFile(web.Static(), name)
	if err != nil || strings.Contains(name, "..") {
		return fiber.ErrNotFound
	}
	switch {
	case strings.HasSuffix(name, ".js"):
		c.Type("js", "utf-8")
	case strings.HasSuffix(name, ".css"):
		c.Type("css", "utf-8")
	default:
		c.Type("txt", "utf-8")
	}
	c.Set("Cache-Control", "public, max-age=3600")
	return c.Send(data)
}
