//go:build !split_payment

package main

import paymentlocal "github.com/jubako/jubako/modules/payment/local"

func init() { modules = append(modules, paymentlocal.Module) }
