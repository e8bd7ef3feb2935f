package pages

import (
	"io/fs"
	"mime"
	"path"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/web"
)

// Cache lifetimes of the assets: pictures change with the catalog at most,
// the rest (stylesheets, scripts, notices) with a deploy.
const (
	pictureMaxAge = "public, max-age=86400"
	assetMaxAge   = "public, max-age=3600"
)

// static serves the embedded assets under /static/ — the product photos
// at the paths the catalog gives (a thumbnail's ?size=small gets the same
// picture), the stylesheet, htmx — with cache headers; fiber's etag
// middleware in front of it answers a revalidation with 304.
func static(c *fiber.Ctx) error {
	name := c.Params("*")
	data, err := fs.ReadFile(web.Static(), name) // refuses names with ".." (fs.ValidPath)
	if err != nil {
		return fiber.ErrNotFound
	}
	kind := mime.TypeByExtension(path.Ext(name))
	if kind == "" {
		kind = fiber.MIMETextPlainCharsetUTF8
	}
	c.Set(fiber.HeaderContentType, kind)
	c.Set(fiber.HeaderCacheControl, assetMaxAge)
	if strings.HasPrefix(kind, "image/") {
		c.Set(fiber.HeaderCacheControl, pictureMaxAge)
	}
	return c.Send(data)
}
