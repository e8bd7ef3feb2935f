package console

import (
	"hash/fnv"
	"maps"
	"slices"
)

// platformGrey colours what is no module: the gateway, or nobody.
const platformGrey = "#6b7280"

// palette holds colours far apart from each other, neighbours of other
// families, each standing out at least 3:1 from the console's white cards
// (WCAG's contrast for graphics).
var palette = [...]string{
	"#1f77b4", "#c75f00", "#2e7d32", "#c2449b", "#283593", "#7a7d00", "#d62728",
	"#0e7c86", "#9467bd", "#8c564b", "#880e4f", "#6b8e23", "#5e35b1", "#9a6a00",
}

// colors gives module names their colour, derived from the name alone: the
// palette's colour the name hashes to. The modules the console knows at
// start differ from each other while the palette lasts: one whose colour a
// module before it (by name) took gets the next free one. Names it does not
// know (a queue, a span of another build) get the colour they hash to.
type colors map[string]string

// newColors colours modules.
func newColors(modules map[string]bool) colors {
	c := colors{}
	taken := map[int]bool{}
	for _, m := range slices.Sorted(maps.Keys(modules)) {
		i := slot(m)
		for n := 0; taken[i] && n < len(palette); n++ {
			i = (i + 1) % len(palette)
		}
		taken[i] = true
		c[m] = palette[i]
	}
	return c
}

// of is the colour of module; grey for the gateway or nobody.
func (c colors) of(module string) string {
	if module == "" || module == gatewayNode {
		return platformGrey
	}
	if color, ok := c[module]; ok {
		return color
	}
	return palette[slot(module)]
}

// slot is the palette index name hashes to.
func slot(name string) int {
	h := fnv.New32a()
	h.Write([]byte(name))
	return int(h.Sum32() % uint32(len(palette)))
}
