package gateway

import (
	"bytes"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"

	"github.com/jubako/jubako/shared"
)

// checkInput refuses a request whose path, query or form fields, once
// decoded, hold a NUL character or are not valid UTF-8 (%00, %ff), or one
// with a control character in a header (cookies included): no handler can
// use such text, and PostgreSQL cannot store or even compare it. The answer
// is a 400 naming the parameter or field at fault ("query" or "form" when
// its name is), "path", or the header. Header values may hold other bytes
// (HTTP allows them); the routes that keep a header's text check it
// themselves. JSON bodies are checked where they are decoded
// (shared.DecodeJSON).
func checkInput(c *fiber.Ctx) error {
	if !cleanText(c.Request().URI().Path()) {
		return shared.Invalid("path", "must be valid UTF-8 without NUL characters")
	}
	bad := checkArgs(c.Context().QueryArgs(), "query")
	if bad == nil && bytes.HasPrefix(c.Request().Header.ContentType(), []byte(fiber.MIMEApplicationForm)) {
		bad = checkArgs(c.Request().PostArgs(), "form")
	}
	c.Request().Header.VisitAll(func(key, value []byte) {
		if bad == nil && bytes.ContainsFunc(value, isControl) {
			bad = shared.Invalid(string(key), "must not contain control characters")
		}
	})
	if bad != nil {
		return bad
	}
	return c.Next()
}

// checkArgs names the first of args (a query or a form, named what) that is
// not clean text.
func checkArgs(args *fasthttp.Args, what string) *shared.Error {
	var bad *shared.Error
	args.VisitAll(func(key, value []byte) {
		switch {
		case bad != nil:
		case !cleanText(key):
			bad = shared.Invalid(what, "field names must be valid UTF-8 without NUL characters")
		case !cleanText(value):
			bad = shared.Invalid(string(key), "must be valid UTF-8 without NUL characters")
		}
	})
	return bad
}

// isControl tells the characters no header value may hold: ASCII controls
// but the tab.
func isControl(r rune) bool { return (r < ' ' && r != '\t') || r == 0x7f }

// cleanText tells whether b is UTF-8 without NUL characters.
func cleanText(b []byte) bool {
	return bytes.IndexByte(b, 0) < 0 && utf8.Valid(b)
}
