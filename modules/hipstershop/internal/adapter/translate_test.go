package adapter

import (
	"testing"

	"github.com/jubako/jubako/shared"
)

// TestZipCodes: the wire's number and the shop's text, 0 standing for
// none. A leading zero does not survive the wire's number.
func TestZipCodes(t *testing.T) {
	for code, text := range map[int32]string{0: "", 94043: "94043", 99999: "99999", 2134: "2134"} {
		if zip(code) != text {
			t.Errorf("zip(%d) = %q, want %q", code, zip(code), text)
		}
	}
	for text, code := range map[string]int32{"94043": 94043, "02134": 2134, "": 0, "SW1A 1AA": 0, "99999999999": 0} {
		if toZip(text) != code {
			t.Errorf("toZip(%q) = %d, want %d", text, toZip(text), code)
		}
	}
}

// TestRenamedFieldsAreTheWires: an Invalid field, and those under it, take
// the wire's name; other fields and other errors are left alone.
func TestRenamedFieldsAreTheWires(t *testing.T) {
	names := map[string]string{"lines": "order.items", "card.number": "credit_card.credit_card_number"}
	for _, tc := range []struct {
		err  error
		want string
	}{
		{shared.Invalid("lines", "x"), "order.items"},
		{shared.Invalid("lines[2].quantity", "x"), "order.items[2].quantity"},
		{shared.Invalid("card.number", "x"), "credit_card.credit_card_number"},
		{shared.Invalid("linesman", "x"), "linesman"},
		{shared.Invalid("email", "x"), "email"},
		{&shared.Error{Code: shared.CodeConflict, Field: "lines"}, "lines"},
	} {
		if got := shared.AsError(renamed(tc.err, names)).Field; got != tc.want {
			t.Errorf("renamed(%v) names %q, want %q", tc.err, got, tc.want)
		}
	}
}
