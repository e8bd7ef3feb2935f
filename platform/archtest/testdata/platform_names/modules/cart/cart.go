// Package cart is a contract.
package cart
