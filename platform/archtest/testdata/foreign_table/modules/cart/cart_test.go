package cart_test

import "testing"

func TestSeed(t *testing.T) { _ = "DELETE FROM\tcatalog_products" }
