package archtest

import (
	"fmt"
	"go/ast"
	"go/parser"
	"path/filepath"
	"strconv"
	"strings"
)

// checkFile parses one Go file and checks its imports and, for module
// files and the platform's non-test files, its string literals.
func (c *checker) checkFile(rel string) error {
	p := locate(rel)
	mode := parser.ImportsOnly | parser.SkipObjectResolution
	if p.module != "" || p.knowsNoName() {
		mode = parser.SkipObjectResolution
	}
	f, err := parser.ParseFile(c.fset, filepath.Join(c.root, filepath.FromSlash(rel)), nil, mode)
	if err != nil {
		return fmt.Errorf("archtest: %w", err)
	}
	for _, spec := range f.Imports {
		c.checkImport(p, spec)
	}
	if p.module != "" {
		c.checkLiterals(p, f)
	}
	if p.knowsNoName() {
		c.checkNames(p, f)
	}
	return nil
}

// checkImport applies the import rules to one import of the file at p and
// records the module graph edge it adds.
func (c *checker) checkImport(p place, spec *ast.ImportSpec) {
	importPath, err := strconv.Unquote(spec.Path.Value)
	if err != nil {
		return // the parser accepted it, so this cannot happen
	}
	pos := c.fset.Position(spec.Pos())
	c.links.add(p.dir, importRef{path: importPath, file: p.file, line: pos.Line})
	if p.contract && !contractMayImport(importPath) {
		c.report(pos, p.file, RuleContractImports, fmt.Sprintf("imports %q", importPath))
	}
	t, ok := moduleTarget(importPath)
	if !ok || t.module == p.module {
		return
	}
	if rule, hint, broken := importRule(p, t); broken {
		c.report(pos, p.file, rule, fmt.Sprintf("imports %q%s", importPath, hint))
		return
	}
	if p.module != "" && !t.local() {
		c.deps.add(p.module, t.module, p.file, pos.Line)
	}
}

// importRule decides whether the file at p may import t, a package of
// another module; when not, it returns the broken rule and a hint.
func importRule(p place, t target) (rule Rule, hint string, broken bool) {
	switch {
	case p.archtest():
		return "", "", false
	case p.knowsNoModule():
		return RuleKnowsNoModule, "", true
	case t.local() && p.testWiring():
		return "", "", false
	case t.local() && !p.compositionRoot():
		return RuleCompositionRoot, "", true
	case t.protocol() && p.compositionRoot():
		return "", "", false
	case t.sub != "" && !t.local():
		return RuleContractOnly, fmt.Sprintf(" instead of its contract %q", t.contractPath()), true
	}
	return "", "", false
}

// contractMayImport reports whether a contract package may import
// importPath: the standard library, shared/ and platform/bus only.
func contractMayImport(importPath string) bool {
	first, _, _ := strings.Cut(importPath, "/")
	if !strings.Contains(first, ".") {
		return true // the standard library
	}
	return under(importPath, Repo+"/shared") || importPath == Repo+"/platform/bus"
}
