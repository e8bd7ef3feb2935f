package main

// Only cmd/jubako is a composition root.
import _ "github.com/jubako/jubako/modules/catalog/local"

func main() {}
