package shared

import "fmt"

type Money struct{}

var _ = fmt.Sprint
