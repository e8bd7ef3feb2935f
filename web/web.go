// Package web holds the server-rendered pages and their assets, embedded
// in the binary: the admin console's html/template files under templates/,
// the shop's under shop/, and the static files both use under static/ (the
// vendored htmx, the stylesheets, the product photos). No build step is
// needed.
package web

import (
	"embed"
	"io/fs"
)

//go:embed templates/*.html
var templates embed.FS

//go:embed shop/*.html
var shop embed.FS

//go:embed static
var static embed.FS

// Templates are the console's html/template files.
func Templates() fs.FS { return mustSub(templates, "templates") }

// ShopTemplates are the shop's html/template files.
func ShopTemplates() fs.FS { return mustSub(shop, "shop") }

// Static are the assets, served under /admin/static/ by the console and
// under /static/ by the shop.
func Static() fs.FS { return mustSub(static, "static") }

func mustSub(f embed.FS, dir string) fs.FS {
	sub, err := fs.Sub(f, dir)
	if err != nil {
		panic(err)
	}
	return sub
}
