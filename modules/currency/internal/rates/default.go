package rates

import _ "embed"

// defaultJSON is Online Boutique's table, compiled into the binary.
//
//go:embed currency_conversion.json
var defaultJSON []byte

// Default parses the table shipped with jubako.
func Default() (Table, error) { return Parse(defaultJSON) }
