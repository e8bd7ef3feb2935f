package main

import (
	_ "github.com/jubako/jubako/modules/cart/local"
	_ "github.com/jubako/jubako/modules/catalog/local"
)

func main() {}
