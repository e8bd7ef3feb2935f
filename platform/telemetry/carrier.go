package telemetry

import "github.com/gofiber/fiber/v2"

// HeaderCarrier reads a request's headers for the propagators without
// copying them all: only the few keys a propagator asks for are read.
type HeaderCarrier struct{ C *fiber.Ctx }

// Get returns a request header.
func (h HeaderCarrier) Get(key string) string { return h.C.Get(key) }

// Set sets a response header.
func (h HeaderCarrier) Set(key, value string) { h.C.Set(key, value) }

// Keys is not needed by the W3C propagators; it lists nothing.
func (h HeaderCarrier) Keys() []string { return nil }
