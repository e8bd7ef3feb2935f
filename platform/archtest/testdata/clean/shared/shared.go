// Package shared is the fake shared kernel.
package shared

// ID identifies things.
type ID string
