// Package payment is a contract.
package payment
