package archtest

import (
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jubako/jubako/platform/testkit"
)

// TestRepository checks jubako's own tree: every module boundary holds.
func TestRepository(t *testing.T) {
	root := testkit.RepoRoot(t)
	modules, err := os.ReadDir(filepath.Join(root, "modules"))
	if err != nil {
		t.Fatalf("the tree has no modules/ folder to check: %v", err)
	}
	owners, _, err := loadMigrations(root)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(slices.Collect(maps.Values(owners)), PlatformOwner) {
		t.Fatalf("no %s_* table found under migrations/%s: table rules would check nothing", PlatformOwner, PlatformOwner)
	}

	violations, err := Check(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range violations {
		t.Error(v)
	}
	t.Logf("checked %d modules", countDirs(modules))
}

// countDirs counts the folders among entries.
func countDirs(entries []os.DirEntry) int {
	n := 0
	for _, e := range entries {
		if e.IsDir() {
			n++
		}
	}
	return n
}

// TestContractsLinkNoInfrastructure asks the go tool what each module's
// contract really links — build tags and third-party imports included — and
// finds none of the infrastructure Check's parse-level rule forbids.
func TestContractsLinkNoInfrastructure(t *testing.T) {
	root := testkit.RepoRoot(t)
	modules, err := filepath.Glob(filepath.Join(root, "modules", "*", "*.go"))
	if err != nil || len(modules) == 0 {
		t.Fatalf("no contract packages under %s/modules: %v", root, err)
	}
	contracts := map[string]bool{}
	for _, f := range modules {
		contracts["./modules/"+filepath.Base(filepath.Dir(f))] = true
	}
	for _, pkg := range slices.Sorted(maps.Keys(contracts)) {
		cmd := exec.Command("go", "list", "-deps", pkg)
		cmd.Dir = root
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			if isInfrastructure(dep) {
				t.Errorf("%s links %s", pkg, dep)
			}
		}
	}
}
