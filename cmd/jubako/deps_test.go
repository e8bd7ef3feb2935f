package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/testkit"
)

const modulePath = "github.com/jubako/jubako/modules/"

// TestBuildTagsDecideWhatIsLinked proves with `go list -deps` what each
// build links: the default build every module's implementation; split_<m>
// all but m's; only_<m> m's alone.
func TestBuildTagsDecideWhatIsLinked(t *testing.T) {
	root := testkit.RepoRoot(t)
	mods := localModules(t, root)
	if len(mods) < 2 {
		t.Fatalf("found modules %v under %s/modules", mods, root)
	}
	monolith := linked(t, root, "")
	for _, m := range mods {
		for _, part := range []string{"internal", "local"} {
			if !monolith.has(m, part) {
				t.Errorf("the default build does not link modules/%s/%s", m, part)
			}
		}
	}
	for _, m := range mods {
		t.Run("split_"+m, func(t *testing.T) {
			t.Parallel()
			deps := linked(t, root, "split_"+m)
			for _, o := range mods {
				for _, part := range []string{"internal", "local"} {
					if got := deps.has(o, part); got != (o != m) {
						t.Errorf("links modules/%s/%s: %v, want %v", o, part, got, o != m)
					}
				}
			}
		})
		t.Run("only_"+m, func(t *testing.T) {
			t.Parallel()
			deps := linked(t, root, "only_"+m)
			for _, o := range mods {
				for _, part := range []string{"internal", "local"} {
					if got := deps.has(o, part); got != (o == m) {
						t.Errorf("links modules/%s/%s: %v, want %v", o, part, got, o == m)
					}
				}
			}
		})
	}
}

// TestGeneratedModuleFilesAreCurrent runs the generator's check here, then
// on spoiled copies to show that the check can fail.
func TestGeneratedModuleFilesAreCurrent(t *testing.T) {
	root := testkit.RepoRoot(t)
	gen := filepath.Join(root, "cmd", "jubako", "gen_modules.go")
	if out, err := genCheck(filepath.Join(root, "cmd", "jubako"), gen); err != nil {
		t.Fatalf("generated files are stale (%v): %s", err, out)
	}
	m := localModules(t, root)[0]
	cases := []struct {
		name  string
		spoil func(dir string) error
		stale string
	}{
		{name: "current copy", spoil: func(string) error { return nil }},
		{name: "edited", stale: "maybe_" + m + "_local.go", spoil: func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "maybe_"+m+"_local.go"), []byte("package main\n"), 0o644)
		}},
		{name: "missing", stale: "maybe_" + m + "_remote.go", spoil: func(dir string) error {
			return os.Remove(filepath.Join(dir, "maybe_"+m+"_remote.go"))
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

// copyGenerated lays out cmd/jubako's generated files in a temporary tree
// whose modules/ is the repository's, and returns the copy of cmd/jubako.
func copyGenerated(t *testing.T, root string) string {
	t.Helper()
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "cmd", "jubako")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "modules"), filepath.Join(tmp, "modules")); err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(root, "cmd", "jubako", "maybe_*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no generated files: %v", err)
	}
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

// packages is a set of import paths.
type packages map[string]bool

// has reports whether modules/<module>/<part> or a package under it is in
// the set.
func (p packages) has(module, part string) bool {
	prefix := modulePath + module + "/" + part
	for path := range p {
		if path == prefix || strings.HasPrefix(path, prefix+"/") {
			return true
		}
	}
	return false
}

// linked lists the packages ./cmd/jubako links when built with tags.
func linked(t *testing.T, root, tags string) packages {
	t.Helper()
	cmd := exec.Command("go", "list", "-deps", "-tags", tags, "./cmd/jubako")
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -tags %q: %v\n%s", tags, err, stderr.Bytes())
	}
	deps := packages{}
	for _, line := range strings.Fields(string(out)) {
		deps[line] = true
	}
	return deps
}

// localModules lists the modules that have a local package, as
// gen_modules.go does.
func localModules(t *testing.T, root string) []string {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(root, "modules", "*", "local"))
	if err != nil {
		t.Fatal(err)
	}
	mods := make([]string, 0, len(dirs))
	for _, d := range dirs {
		mods = append(mods, filepath.Base(filepath.Dir(d)))
	}
	return mods
}

// TestEveryPublicPathIsForwardable checks that each path prefix a module
// mounts is one its contract declares (bus.PathsOf): the gateway of a
// split build forwards exactly those to the module's process.
func TestEveryPublicPathIsForwardable(t *testing.T) {
	p := testkit.Start(t, testkit.SQLite(t), shopSettings, modules...)
	owners := p.Gateway.Owners()
	if len(owners) < 10 {
		t.Fatalf("only %d public prefixes registered", len(owners))
	}
	for prefix, module := range owners {
		if !slices.Contains(bus.PathsOf(module), prefix) {
			t.Errorf("%s mounts %s, which its contract does not declare: add bus.PublicPaths(%q, %q)", module, prefix, module, prefix)
		}
	}
}
