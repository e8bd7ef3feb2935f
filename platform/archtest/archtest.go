// Package archtest verifies jubako's module boundaries, the way Spring
// Modulith's verify() does for a Java monolith. Check reads a source tree
// (it parses files, it does not compile them, so build tags do not hide
// anything) and reports every place where a module reaches past another
// module's contract, a contract grows a dependency it must not have, the
// platform learns about a module, or a module touches a table it does not own.
//
// The layout it assumes is the one in DESIGN.md §1: modules/<name>/ holds one
// module whose root package is its public contract; migrations/<owner>/*.sql
// holds the tables of each owner (jubako for the platform); cmd/jubako is the
// only composition root.
package archtest

import (
	"cmp"
	"fmt"
	"go/token"
	"regexp"
	"slices"
)

// Repo is the import path of the jubako Go module.
const Repo = "github.com/jubako/jubako"

// Rule is one boundary rule, stated in words.
type Rule string

// The rules Check enforces.
const (
	// RuleContractOnly: code outside module B imports B only through
	// B's root package, never modules/B/internal/... nor other subpackages.
	// One exception: cmd/jubako may import modules/B/pb, the generated code
	// of a wire protocol B serves to clients outside jubako (its tests dial
	// B as such clients do); other modules never learn of it.
	RuleContractOnly Rule = "a module may be imported only through its contract package"
	// RuleContractImports: a contract (a module's root package, test files
	// excepted) stays remote-safe: no gorm, fiber, asynq, fx nor other modules.
	RuleContractImports Rule = "a contract package imports only the standard library, shared/ and platform/bus"
	// RuleContractLinks: nothing a contract imports links infrastructure
	// (gorm, SQL drivers, asynq, Redis, viper, fiber, fx), even indirectly.
	RuleContractLinks Rule = "a contract links no infrastructure, not even through the packages it imports"
	// RuleCompositionRoot: modules/<m>/local is wired by cmd/jubako alone.
	RuleCompositionRoot Rule = "only cmd/jubako may import a module's local package"
	// RuleKnowsNoModule: platform/ and shared/ (test files included) import no
	// module package; platform/archtest is the one exception.
	RuleKnowsNoModule Rule = "platform/ and shared/ import no module package"
	// RuleTablePrefix: migrations/<owner>/ creates only <owner>_ tables.
	RuleTablePrefix Rule = "a migration creates only tables prefixed with its owner's name"
	// RuleForeignTable: no string literal in a module names a table owned by
	// another module or by the platform.
	RuleForeignTable Rule = "a module touches only its own tables"
	// RuleModuleCycle: the graph of module → contract imports is acyclic.
	RuleModuleCycle Rule = "modules must not depend on each other in a cycle"
	// RuleKnowsNoName: no string literal of platform/ (test files excepted)
	// names a module (a folder under modules/) as a word: no route, topic,
	// endpoint, table nor other knowledge of a module in the machinery.
	RuleKnowsNoName Rule = "platform/ names no module: modules declare what the platform must know"
)

// Violation is one broken rule at one place in the tree.
type Violation struct {
	File   string // slash-separated path relative to the checked root
	Line   int
	Rule   Rule
	Detail string // what was found: the offending import, table or cycle
}

// String renders v as "file:line: detail: rule".
func (v Violation) String() string {
	return fmt.Sprintf("%s:%d: %s: %s", v.File, v.Line, v.Detail, v.Rule)
}

// Check verifies the tree rooted at root and returns its violations ordered
// by file and line. The error reports a tree that could not be read or
// parsed, not a broken rule.
func Check(root string) ([]Violation, error) {
	owners, found, err := loadMigrations(root)
	if err != nil {
		return nil, err
	}
	files, err := goFiles(root)
	if err != nil {
		return nil, err
	}
	names, err := moduleNames(root)
	if err != nil {
		return nil, err
	}
	c := &checker{root: root, fset: token.NewFileSet(), owners: owners, names: namePattern(names), found: found, links: links{}}
	for _, file := range files {
		if err := c.checkFile(file); err != nil {
			return nil, err
		}
	}
	c.contractLinks()
	c.found = append(c.found, c.deps.cycles()...)
	slices.SortFunc(c.found, compare)
	return c.found, nil
}

// checker accumulates the violations and the module graph of one Check.
type checker struct {
	root   string
	fset   *token.FileSet
	owners owners
	names  *regexp.Regexp // any module's name, as a word
	deps   graph
	links  links
	found  []Violation
}

// report records a violation found at pos.
func (c *checker) report(pos token.Position, file string, rule Rule, detail string) {
	c.found = append(c.found, Violation{File: file, Line: pos.Line, Rule: rule, Detail: detail})
}

// compare orders violations by file, line, rule and detail.
func compare(a, b Violation) int {
	return cmp.Or(
		cmp.Compare(a.File, b.File),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(a.Detail, b.Detail),
	)
}
