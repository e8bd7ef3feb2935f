package console

import (
	"math"
	"strconv"
	"testing"
)

// TestPaletteStandsOutFromWhite: every colour is 3:1 or more against the
// console's white cards, and no two are the same.
func TestPaletteStandsOutFromWhite(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range palette {
		if k := 1.05 / (luminance(t, c) + 0.05); k < 3 {
			t.Errorf("%s stands out %.2f:1 from white, want 3:1", c, k)
		}
		if seen[c] {
			t.Errorf("%s twice", c)
		}
		seen[c] = true
	}
}

// luminance is the WCAG relative luminance of a #rrggbb colour.
func luminance(t *testing.T, color string) float64 {
	t.Helper()
	var sum float64
	for i, weight := range []float64{0.2126, 0.7152, 0.0722} {
		v, err := strconv.ParseUint(color[1+2*i:3+2*i], 16, 8)
		if err != nil {
			t.Fatalf("%s: %v", color, err)
		}
		c := float64(v) / 255
		if c <= 0.04045 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		sum += weight * c
	}
	return sum
}

// TestModulesGetColoursOfTheirOwn: the modules of a topology differ, the
// same names always get the same colours, and the platform is grey.
func TestModulesGetColoursOfTheirOwn(t *testing.T) {
	known := map[string]bool{}
	for _, m := range []string{"ads", "cart", "catalog", "currency", "identity", "inventory", "notification", "orders",
		"payment", "recommendation", "shipping", "storefront"} {
		known[m] = true
	}
	c := newColors(known)
	owner := map[string]string{}
	for m := range known {
		if other, taken := owner[c.of(m)]; taken {
			t.Errorf("%s and %s are both %s", m, other, c.of(m))
		}
		owner[c.of(m)] = m
	}
	again := newColors(known)
	for m := range known {
		if again.of(m) != c.of(m) {
			t.Errorf("%s is %s, then %s", m, c.of(m), again.of(m))
		}
	}
	if got := c.of("a-queue-nobody-declared"); got != palette[slot("a-queue-nobody-declared")] {
		t.Errorf("an unknown name is %s, want the colour it hashes to", got)
	}
	if c.of("") != platformGrey || c.of(gatewayNode) != platformGrey {
		t.Errorf("the platform is %s and %s, want %s", c.of(""), c.of(gatewayNode), platformGrey)
	}
}
