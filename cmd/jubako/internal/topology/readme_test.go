package topology

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jubako/jubako/cmd/jubako/internal/linked"
	"github.com/jubako/jubako/platform/testkit"
)

// TestREADMEFileResolves keeps the README's description of the format
// honest: its example file uses every field and resolves.
func TestREADMEFileResolves(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(testkit.RepoRoot(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(data), "### The topology file\n")
	_, block, ok2 := strings.Cut(section, "```yaml\n")
	block, _, ok3 := strings.Cut(block, "```")
	if !ok || !ok2 || !ok3 {
		t.Fatal("no yaml block under \"### The topology file\" in README.md")
	}
	f, err := Parse([]byte(block))
	if err != nil {
		t.Fatal(err)
	}
	if f.Ingress == nil || f.Ingress.TLSSecret == "" || len(f.Settings) == 0 || f.Services[0].MaxReplicas == nil || f.Services[0].CPU == "" {
		t.Errorf("the README's example leaves fields out: %+v", f)
	}
	if _, err := Resolve(f, linked.Names()); err != nil {
		t.Fatal(err)
	}
}
