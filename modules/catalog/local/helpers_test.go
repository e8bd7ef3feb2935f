package local_test

import (
	"net/url"
	"slices"

	"github.com/jubako/jubako/modules/catalog"
)

func names(ps []catalog.Product) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Name)
	}
	return out
}

func equal(a, b []string) bool { return slices.Equal(a, b) }

func urlQuery(s string) string { return url.QueryEscape(s) }
