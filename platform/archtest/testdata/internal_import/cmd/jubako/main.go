package main

// The compiler would refuse this; the checker reports it first.
import _ "github.com/jubako/jubako/modules/catalog/internal/store"

func main() {}
