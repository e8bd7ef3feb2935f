// Package web holds the admin console's pages and assets, embedded in the
// binary: html/template files under templates/ and static files (the
// vendored htmx, the stylesheet) under static/. No build step is needed.
package web

import (
	"embed"
	"io/fs"
)

//go:embed templates/*.html
var templates embed.FS

//go:embed static
var static embed.FS

// Templates are the console's html/template files.
func Templates() fs.FS { return mustSub(templates, "templates") }

// Static are the console's assets, served under /admin/static/.
func Static() fs.FS { return mustSub(static, "static") }

func mustSub(f embed.FS, dir string) fs.FS {
	sub, err := fs.Sub(f, dir)
	if err != nil {
		panic(err)
	}
	return sub
}
