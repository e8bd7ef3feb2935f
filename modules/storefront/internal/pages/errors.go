package pages

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/shared"
)

// trouble is an error page: what went wrong and what to do, in a
// shopper's words.
type trouble struct {
	Status                   int
	Heading, Message, Advice string
}

// retryAfter is how long a visitor is asked to wait when part of the shop
// is not answering.
const retryAfter = "5"

// troubleOf words an error answered with status. Bad input and conflicts
// say what was wrong; other errors do not show their details. The pages'
// one 403 is a form refused for coming from another site.
func troubleOf(c *fiber.Ctx, status int, e *shared.Error) trouble {
	t := trouble{Status: status}
	switch {
	case status == fiber.StatusNotFound:
		t.Heading, t.Message = "Not found", "We could not find this page: the product or order may not exist, or not be yours."
		t.Advice = "Check the address, or find it from the shop's home page."
	case status == fiber.StatusTooManyRequests:
		t.Heading, t.Message = "One moment, please", "You have sent many requests in a short time."
		t.Advice = "Please wait " + orDefault(c.GetRespHeader(fiber.HeaderRetryAfter), retryAfter) + " seconds, then try again."
	case status == fiber.StatusForbidden:
		t.Heading, t.Message = "This form came from another site", "For your safety, the shop only takes forms sent from its own pages."
		t.Advice = "Go back to the shop and try again from there."
	case status >= fiber.StatusInternalServerError:
		t.Heading, t.Message = "Part of the shop is not answering", "We could not put this page together just now."
		t.Advice = "Please try again in a few seconds."
		c.Set(fiber.HeaderRetryAfter, retryAfter)
	default:
		t.Heading, t.Message = "That did not work", sentence(e)
		t.Advice = "Go back, change what is wrong and try again."
	}
	return t
}

// sentence is an error's message as a sentence, naming its field.
func sentence(e *shared.Error) string {
	msg := e.Message
	if e.Field != "" {
		msg = strings.ReplaceAll(e.Field, "_", " ") + ": " + msg
	}
	if msg == "" {
		return "The request was not right."
	}
	return strings.ToUpper(msg[:1]) + msg[1:] + "."
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// errorPage writes an error as a page: the gateway calls it for every
// error under the pages' prefixes (gateway.ServeErrorPages), the edge's
// included — the pages' handlers just return theirs.
func (p *Pages) errorPage(c *fiber.Ctx, status int, e *shared.Error) error {
	secure(c)
	t := troubleOf(c, status, e)
	return p.render(c, status, view{Title: t.Heading, Page: "error", Data: t})
}
