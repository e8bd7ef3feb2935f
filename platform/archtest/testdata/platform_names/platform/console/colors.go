// Package console colours modules.
package console

type row struct {
	Module string `json:"orders"`
}

var colors = map[string]string{"cart": "#f28e2b"}
