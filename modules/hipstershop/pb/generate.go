// Package pb is the Go code generated from hipstershop.proto, jubako's
// statement of Online Boutique's gRPC protocol: the messages and the
// service stubs the hipstershop module's adapters serve, and that its
// clients (the system tests) dial. No other module may import it.
package pb

//go:generate go run github.com/bufbuild/buf/cmd/buf@v1.75.0 generate
