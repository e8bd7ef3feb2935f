package shared

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Code classifies an error the same way in every module and on both sides of a
// network hop. It is what callers branch on; messages are for people.
type Code string

// The codes. Every error that leaves a module carries one of them.
const (
	CodeNotFound     Code = "not_found"
	CodeInvalid      Code = "invalid"
	CodeConflict     Code = "conflict"
	CodeUnauthorized Code = "unauthorized"
	CodeForbidden    Code = "forbidden"
	CodeUnavailable  Code = "unavailable"
	CodeInternal     Code = "internal"
)

// Enum lists every code, for the JSON schemas that reflect the Error type.
func (Code) Enum() []any {
	return []any{CodeNotFound, CodeInvalid, CodeConflict, CodeUnauthorized, CodeForbidden, CodeUnavailable, CodeInternal}
}

// Sentinels for errors.Is: errors.Is(err, shared.ErrNotFound) holds for any
// *Error with that code, wherever it was raised.
var (
	ErrNotFound     = &Error{Code: CodeNotFound}
	ErrInvalid      = &Error{Code: CodeInvalid}
	ErrConflict     = &Error{Code: CodeConflict}
	ErrUnauthorized = &Error{Code: CodeUnauthorized}
	ErrForbidden    = &Error{Code: CodeForbidden}
	ErrUnavailable  = &Error{Code: CodeUnavailable}
	ErrInternal     = &Error{Code: CodeInternal}
)

// Error is the one error type of jubako. It survives the bus, HTTP and JSON:
// Code, Reason, Message and Field are all that is sent, and all that is needed
// to rebuild an equal error on the other side.
type Error struct {
	Code Code `json:"code"`
	// Reason is a stable, machine-readable refinement of Code that a contract
	// may export as a sentinel (payment.ErrCardDeclined); empty when unused.
	Reason string `json:"reason,omitempty"`
	// Message is for people. It never holds secrets.
	Message string `json:"message"`
	// Field names the input that was wrong, for CodeInvalid.
	Field string `json:"field,omitempty"`
	cause error
}

// Errorf returns an *Error with the code and a formatted message. A %w verb
// keeps the wrapped error reachable through errors.Unwrap.
func Errorf(code Code, format string, args ...any) *Error {
	wrapped := fmt.Errorf(format, args...)
	return &Error{Code: code, Message: wrapped.Error(), cause: errors.Unwrap(wrapped)}
}

// Invalid reports bad input in the named field.
func Invalid(field, format string, args ...any) *Error {
	return &Error{Code: CodeInvalid, Field: field, Message: fmt.Sprintf(format, args...)}
}

// NewReason declares a sentinel error with a reason, for contracts:
//
//	var ErrCardDeclined = shared.NewReason(shared.CodeConflict, "card_declined", "card declined")
func NewReason(code Code, reason, message string) *Error {
	return &Error{Code: code, Reason: reason, Message: message}
}

// With returns a copy of a reason sentinel with a more specific message,
// still matching the sentinel under errors.Is.
func (e *Error) With(format string, args ...any) *Error {
	c := *e
	c.Message = fmt.Sprintf(format, args...)
	return &c
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: %s: %s", e.Code, e.Field, e.Message)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.cause }

// Explained is why the error happened, for people: the message, led by the
// reason in words ("card declined: …") unless the message says it already.
// A failed checkout step is explained so, whichever mode ran it.
func (e *Error) Explained() string {
	if what := strings.ReplaceAll(e.Reason, "_", " "); what != "" && !strings.Contains(e.Message, what) {
		return what + ": " + e.Message
	}
	return e.Message
}

// Is matches another *Error by code and, when the target has one, by reason.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	if !ok {
		return false
	}
	return t.Code == e.Code && (t.Reason == "" || t.Reason == e.Reason)
}

// AsError returns err as an *Error, classifying foreign errors: deadlines and
// cancellations are Unavailable, anything else Internal.
func AsError(err error) *Error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return &Error{Code: CodeUnavailable, Message: err.Error(), cause: err}
	}
	return &Error{Code: CodeInternal, Message: err.Error(), cause: err}
}

// CodeOf is AsError(err).Code; empty for nil.
func CodeOf(err error) Code {
	if err == nil {
		return ""
	}
	return AsError(err).Code
}

// HTTPStatus maps a code to the status a client sees.
func (c Code) HTTPStatus() int {
	switch c {
	case CodeNotFound:
		return http.StatusNotFound
	case CodeInvalid:
		return http.StatusBadRequest
	case CodeConflict:
		return http.StatusConflict
	case CodeUnauthorized:
		return http.StatusUnauthorized
	case CodeForbidden:
		return http.StatusForbidden
	case CodeUnavailable:
		return http.StatusServiceUnavailable
	default:
		return http.StatusInternalServerError
	}
}

// CodeForStatus is the inverse of HTTPStatus, for responses that carry no
// error body (a proxy's 502, say).
func CodeForStatus(status int) Code {
	switch {
	case status == http.StatusNotFound:
		return CodeNotFound
	case status == http.StatusConflict:
		return CodeConflict
	case status == http.StatusUnauthorized:
		return CodeUnauthorized
	case status == http.StatusForbidden:
		return CodeForbidden
	case status == http.StatusServiceUnavailable, status == http.StatusBadGateway,
		status == http.StatusGatewayTimeout, status == http.StatusTooManyRequests,
		status == http.StatusRequestTimeout:
		return CodeUnavailable
	case status >= 400 && status < 500:
		// 400, 405, 413, 422, 431…: what the client sent is at fault.
		return CodeInvalid
	default:
		return CodeInternal
	}
}

// Retryable tells whether trying again later may succeed: only transport and
// availability failures are; business outcomes are final.
func Retryable(err error) bool {
	c := CodeOf(err)
	return c == CodeUnavailable || c == CodeInternal
}
