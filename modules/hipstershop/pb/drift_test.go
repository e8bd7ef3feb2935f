package pb_test

import (
	"os"
	"strings"
	"testing"

	"github.com/jubako/jubako/modules/hipstershop/pb"
)

// reference is Online Boutique's demo.proto, kept unchanged (see
// testdata/README.md).
const reference = "testdata/demo.proto"

// TestGeneratedCodeSpeaksOnlineBoutiquesWire compares the descriptors the
// generated code registers with a parse of Online Boutique's demo.proto,
// and with a parse of hipstershop.proto (so the committed code is current),
// fact for fact. The spoiled copies of the reference show that the check
// fails on any drift of a wire fact, naming it.
func TestGeneratedCodeSpeaksOnlineBoutiquesWire(t *testing.T) {
	generated := facts(pb.File_hipstershop_proto)
	cases := []struct {
		name, file  string
		spoil       func(string) string
		wantDiffers []string
	}{
		{name: "the reference", file: reference},
		{name: "the source of the generated code", file: "hipstershop.proto"},
		{name: "a renumbered field", file: reference, spoil: replace("int32  quantity = 2;", "int32  quantity = 3;"),
			wantDiffers: []string{"hipstershop.CartItem.quantity"}},
		{name: "a field of another type", file: reference, spoil: replace("int32 zip_code = 5;", "string zip_code = 5;"),
			wantDiffers: []string{"hipstershop.Address.zip_code"}},
		{name: "a renamed field", file: reference, spoil: replace("string to_code = 2;", "string to_currency = 2;"),
			wantDiffers: []string{"hipstershop.CurrencyConversionRequest.to_code", "hipstershop.CurrencyConversionRequest.to_currency"}},
		{name: "a repeated field made single", file: reference, spoil: replace("repeated string context_keys = 1;", "string context_keys = 1;"),
			wantDiffers: []string{"hipstershop.AdRequest.context_keys"}},
		{name: "a method with another reply", file: reference, spoil: replace("returns (ChargeResponse)", "returns (Empty)"),
			wantDiffers: []string{"hipstershop.PaymentService.Charge"}},
		{name: "a streaming method", file: reference, spoil: replace("returns (Cart)", "returns (stream Cart)"),
			wantDiffers: []string{"hipstershop.CartService.GetCart"}},
		{name: "another package", file: reference, spoil: replace("package hipstershop;", "package boutique;"),
			wantDiffers: []string{"package", "boutique.Ad", "hipstershop.Ad"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src, err := os.ReadFile(tc.file)
			if err != nil {
				t.Fatal(err)
			}
			text := string(src)
			if tc.spoil != nil {
				text = tc.spoil(text)
			}
			fd, err := compile(tc.file, text)
			if err != nil {
				t.Fatalf("parse %s: %v", tc.file, err)
			}
			diffs := differences(generated, facts(fd))
			if tc.wantDiffers == nil && len(diffs) > 0 {
				t.Fatalf("the generated code departs from %s:\n%s", tc.file, joined(diffs))
			}
			for _, name := range tc.wantDiffers {
				if !mentions(diffs, name) {
					t.Errorf("the check missed a change of %s; it found:\n%s", name, joined(diffs))
				}
			}
		})
	}
}

// replace spoils a copy of the reference, and fails loudly when the text to
// spoil is not there (the case would prove nothing).
func replace(old, new string) func(string) string {
	return func(s string) string {
		if !strings.Contains(s, old) {
			panic("the reference has no " + old)
		}
		return strings.Replace(s, old, new, 1)
	}
}

// mentions reports whether a difference is about name itself.
func mentions(diffs []string, name string) bool {
	for _, d := range diffs {
		if strings.HasPrefix(d, name+":") {
			return true
		}
	}
	return false
}
