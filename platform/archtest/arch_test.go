package archtest

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
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
