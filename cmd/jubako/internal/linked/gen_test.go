package linked

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jubako/jubako/platform/testkit"
)

// TestGeneratedModuleFilesAreCurrent runs the generator's check here, then
// on spoiled copies to show that the check can fail.
func TestGeneratedModuleFilesAreCurrent(t *testing.T) {
	root := testkit.RepoRoot(t)
	gen := filepath.Join(root, "cmd", "jubako", "internal", "linked", "gen_modules.go")
	if out, err := genCheck(filepath.Join(root, "cmd", "jubako", "internal", "linked"), gen); err != nil {
		t.Fatalf("generated files are stale (%v): %s", err, out)
	}
	m := firstModule(t, root)
	cases := []struct {
		name  string
		spoil func(dir string) error
		stale string
	}{
		{name: "current copy", spoil: func(string) error { return nil }},
		{name: "edited", stale: "maybe_" + m + "_local.go", spoil: func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "maybe_"+m+"_local.go"), []byte("package linked\n"), 0o644)
		}},
		{name: "missing", stale: "maybe_" + m + "_remote.go", spoil: func(dir string) error {
			return os.Remove(filepath.Join(dir, "maybe_"+m+"_remote.go"))
		}},
		{name: "module list edited", stale: "names_gen.go", spoil: func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "names_gen.go"), []byte("package linked\n\nvar names = []string{}\n"), 0o644)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyGenerated(t, root)
			if err := tc.spoil(dir); err != nil {
				t.Fatal(err)
			}
			out, err := genCheck(dir, gen)
			if stale := strings.Contains(string(out), tc.stale+" is stale"); (err != nil) != (tc.stale != "") || (tc.stale != "" && !stale) {
				t.Errorf("check: %v, want it to report %q: %s", err, tc.stale, out)
			}
		})
	}
}

// genCheck runs gen_modules.go -check in dir.
func genCheck(dir, gen string) ([]byte, error) {
	cmd := exec.Command("go", "run", gen, "-check")
	cmd.Dir = dir
	return cmd.CombinedOutput()
}

// copyGenerated lays out the generated files in a temporary tree whose
// modules/ is the repository's, and returns the copy of this package.
func copyGenerated(t *testing.T, root string) string {
	t.Helper()
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "cmd", "jubako", "internal", "linked")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "modules"), filepath.Join(tmp, "modules")); err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(root, "cmd", "jubako", "internal", "linked", "maybe_*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no generated files: %v", err)
	}
	files = append(files, filepath.Join(root, "cmd", "jubako", "internal", "linked", "names_gen.go"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// firstModule is the first module with a local package.
func firstModule(t *testing.T, root string) string {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(root, "modules", "*", "local"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no modules under %s: %v", root, err)
	}
	return filepath.Base(filepath.Dir(dirs[0]))
}
