package contract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tillPact is what a till module might declare about the shelf fixture of
// provider_test.go.
func tillPact(priceField string) *Pact {
	p := Between("till", "shelf")
	Expect(p, "prices an item", get, getRequest{ID: "A"}).
		Given("item A is shelved").
		Reads(Object(Fields{"id": String(), "price_usd": Object(Fields{priceField: Integer()})}))
	Expect(p, "an unknown item is refused", get, getRequest{ID: "Z"}).Fails(errNoSuchItem)
	Listen(p, "counts restocked items", restocked, Object(Fields{"count": Integer()}))
	return p
}

const command = "JUBAKO_UPDATE_CONTRACTS=1 go test -run '^TestContracts$' ./modules/till/local"

func TestSync(t *testing.T) {
	root := t.TempDir()
	file := filepath.Join(root, "contracts", "till-shelf.json")
	if err := tillPact("units").sync(root, false, command); err == nil || !strings.Contains(err.Error(), "does not exist") || !strings.Contains(err.Error(), command) {
		t.Fatalf("without a file: %v, want it missing with the command %q", err, command)
	}
	if err := tillPact("units").sync(root, true, command); err != nil {
		t.Fatalf("update: %v", err)
	}
	written, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"consumer": "till"`, `"endpoint": "shelf.Get"`, `"given": "item A is shelved"`,
		`"request": {`, `"reason": "no_such_item"`, `"topic": "shelf.restocked.v1"`} {
		if !strings.Contains(string(written), want) {
			t.Errorf("the file lacks %s:\n%s", want, written)
		}
	}
	if err := tillPact("units").sync(root, false, command); err != nil {
		t.Errorf("the same declarations: %v", err)
	}
	err = tillPact("unit").sync(root, false, command)
	if err == nil || !strings.Contains(err.Error(), "the test declares `\"unit\": {`") || !strings.Contains(err.Error(), command) {
		t.Errorf("changed declarations: %v, want the changed line and the command", err)
	}
}

func TestDeclarationMistakes(t *testing.T) {
	cases := []struct {
		name    string
		declare func(p *Pact)
		want    string
	}{
		{name: "endpoint of another module", want: "calc.Get belongs to module calc, not to provider shelf",
			declare: func(p *Pact) { Expect(p, "x", otherGet, getRequest{}) }},
		{name: "description twice", want: `"prices an item" is declared twice`,
			declare: func(p *Pact) { Expect(p, "prices an item", get, getRequest{}) }},
		{name: "request that does not encode", want: "json: unsupported type",
			declare: func(p *Pact) { Expect(p, "x", chanGet, make(chan int)) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := tillPact("units")
			tc.declare(p)
			err := p.sync(t.TempDir(), true, command)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
}

func TestStaleFiles(t *testing.T) {
	root := t.TempDir()
	if err := syncAll(root, true, command, []*Pact{tillPact("units"), Between("till", "bin")}); err != nil {
		t.Fatal(err)
	}
	if err := syncAll(root, true, command, []*Pact{Between("cashier", "bin")}); err != nil {
		t.Fatal(err)
	}
	err := syncAll(root, false, command, []*Pact{tillPact("units")})
	want := "contracts/till-bin.json: this test declares nothing of provider bin any more; remove the file with:\n\t" + command
	if err == nil || err.Error() != want {
		t.Fatalf("without the bin pact:\n got %v\nwant %s", err, want)
	}
	if err := syncAll(root, true, command, []*Pact{tillPact("units")}); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(root, "contracts", "*.json"))
	for i, f := range files {
		files[i] = filepath.Base(f)
	}
	if strings.Join(files, " ") != "cashier-bin.json till-shelf.json" {
		t.Errorf("after the update: %v, want the till's stale file alone removed", files)
	}
	if err := syncAll(root, true, command, []*Pact{tillPact("units"), Between("cashier", "bin")}); err == nil {
		t.Error("pacts of two consumers were checked together")
	}
}
