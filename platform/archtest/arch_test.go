package archtest

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestRepository checks jubako's own tree: every module boundary holds.
func TestRepository(t *testing.T) {
	root := repoRoot(t)
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

// repoRoot walks up from the working directory to the folder holding go.mod.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the working directory")
		}
		dir = parent
	}
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
