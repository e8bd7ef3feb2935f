package main

import (
	"go.uber.org/fx"

	"github.com/jubako/jubako/modules/cart/local"
)

func main() { fx.New(local.Module).Run() }
