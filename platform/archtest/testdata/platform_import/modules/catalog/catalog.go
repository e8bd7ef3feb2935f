// Package catalog is a contract.
package catalog
