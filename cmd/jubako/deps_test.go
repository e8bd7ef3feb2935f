package main

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

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
	monolith := linkedPackages(t, root, "")
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
			deps := linkedPackages(t, root, "split_"+m)
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
			deps := linkedPackages(t, root, "only_"+m)
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

// linkedPackages lists the packages ./cmd/jubako links when built with tags.
func linkedPackages(t *testing.T, root, tags string) packages {
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
