// Package pb stands in for the generated code of a protocol catalog serves.
package pb

// Product is a generated message.
type Product struct{}
