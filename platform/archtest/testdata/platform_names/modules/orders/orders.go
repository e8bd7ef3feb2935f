// Package orders is a contract.
package orders
