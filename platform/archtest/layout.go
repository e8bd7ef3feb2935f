package archtest

import (
	"io/fs"
	"path"
	"path/filepath"
	"strings"
)

// place says where a Go file sits in the repository layout.
type place struct {
	file     string // slash path relative to the root
	dir      string // slash directory relative to the root
	module   string // <name> for files under modules/<name>/, else ""
	contract bool   // a non-test file of the module's root package
}

// locate classifies the file at the slash path rel.
func locate(rel string) place {
	p := place{file: rel, dir: path.Dir(rel)}
	parts := strings.Split(p.dir, "/")
	if len(parts) >= 2 && parts[0] == "modules" {
		p.module = parts[1]
		p.contract = len(parts) == 2 && !strings.HasSuffix(rel, "_test.go")
	}
	return p
}

// knowsNoModule reports whether the file belongs to the module-agnostic
// layers: platform/ and shared/.
func (p place) knowsNoModule() bool {
	return under(p.dir, "platform") || under(p.dir, "shared")
}

// archtest reports whether the file belongs to this package, which may
// import any module package.
func (p place) archtest() bool {
	return under(p.dir, "platform/archtest")
}

// compositionRoot reports whether the file belongs to cmd/jubako.
func (p place) compositionRoot() bool {
	return under(p.dir, "cmd/jubako")
}

// testWiring reports whether the file is a test of a module's local
// package, which may start other modules' local packages to run against.
func (p place) testWiring() bool {
	return p.module != "" && under(p.dir, "modules/"+p.module+"/local") && strings.HasSuffix(p.file, "_test.go")
}

// under reports whether the slash path dir is prefix or lies inside it.
func under(dir, prefix string) bool {
	return dir == prefix || strings.HasPrefix(dir, prefix+"/")
}

// target is a package of some module named by an import path.
type target struct {
	module string
	sub    string // "" for the contract, "internal/store", "local", …
}

// contractPath is the import path of the module's contract package.
func (t target) contractPath() string {
	return Repo + "/modules/" + t.module
}

// local reports whether t is the module's fx wiring (local/ or below).
func (t target) local() bool {
	return under(t.sub, "local")
}

// protocol reports whether t is the module's generated wire protocol
// (modules/<m>/pb), which clients outside jubako compile against.
func (t target) protocol() bool {
	return t.sub == "pb"
}

// moduleTarget parses importPath as a package of a module.
func moduleTarget(importPath string) (target, bool) {
	rest, ok := strings.CutPrefix(importPath, Repo+"/modules/")
	if !ok || rest == "" {
		return target{}, false
	}
	module, sub, _ := strings.Cut(rest, "/")
	return target{module: module, sub: sub}, true
}

// goFiles lists the .go files under root as sorted slash paths relative to
// root, skipping the directories the go tool ignores (testdata, vendor,
// names starting with "." or "_") and node_modules.
func goFiles(root string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && skipDir(d.Name()) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(d.Name(), ".go") {
			rel, err := filepath.Rel(root, p)
			if err != nil {
				return err
			}
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	return files, err
}

// skipDir reports whether a directory named name holds no code to check.
func skipDir(name string) bool {
	switch name {
	case "testdata", "vendor", "node_modules":
		return true
	}
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")
}
