package gateway

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/shared"
)

// ErrorBody is the one shape of every error response.
type ErrorBody struct {
	Error *shared.Error `json:"error" nullable:"false"`
}

// retryUnavailable is the Retry-After, in seconds, of a 503: what is
// unavailable (a module, the database) is expected back soon, and clients
// that wait this long do not hammer it while it recovers.
const retryUnavailable = "5"

// statusError is answered with a status of its own rather than its code's,
// and extra headers: the rate limiter's 429 (code unavailable) with its
// Retry-After.
type statusError struct {
	err    *shared.Error
	status int
	header map[string]string
}

func (e *statusError) Error() string { return e.err.Error() }

func (e *statusError) Unwrap() error { return e.err }

func (g *Gateway) handleError(c *fiber.Ctx, err error) error {
	e, status := g.classifyError(c, err)
	if status >= 500 {
		g.log.ErrorContext(c.UserContext(), "request failed", "method", c.Method(), "path", c.Path(), "status", status, "error", err)
		if e.Code == shared.CodeInternal {
			e = &shared.Error{Code: shared.CodeInternal, Message: "internal error"}
		}
	}
	if page := g.errorPage(c); page != nil && page(c, status, e) == nil {
		return nil
	}
	return c.Status(status).JSON(ErrorBody{Error: e})
}

// classifyError returns the body and status of err: fiber's own errors
// (404 of no route, 413 of a body over the limit) keep their status, as do
// statusErrors, whose headers are set; the rest get their code's, and a
// 503 its Retry-After.
func (g *Gateway) classifyError(c *fiber.Ctx, err error) (*shared.Error, int) {
	var fe *fiber.Error
	var se *statusError
	switch {
	case errors.As(err, &se):
		for k, v := range se.header {
			c.Set(k, v)
		}
		return se.err, se.status
	case errors.As(err, &fe):
		e := &shared.Error{Code: shared.CodeForStatus(fe.Code), Message: fe.Message}
		if fe.Code == fiber.StatusRequestEntityTooLarge {
			e.Field = "body"
		}
		return e, fe.Code
	}
	e := shared.AsError(err)
	status := e.Code.HTTPStatus()
	if status == fiber.StatusServiceUnavailable {
		c.Set(fiber.HeaderRetryAfter, retryUnavailable)
	}
	return e, status
}
