package archtest

import (
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// moduleNames lists the folders under root/modules, sorted: the names a
// platform literal must not spell.
func moduleNames(root string) ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(root, "modules"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("archtest: %w", err)
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	return names, nil
}

// namePattern matches any of names as a word, in any case: between
// characters that are not letters nor digits, so "/api/catalog/products",
// "catalog.price_changed.v1" and "catalog_products" name catalog but
// "catalogue" does not. nil when there is no module.
func namePattern(names []string) *regexp.Regexp {
	if len(names) == 0 {
		return nil
	}
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = regexp.QuoteMeta(n)
	}
	return regexp.MustCompile(`(?i)(?:^|[^\pL\pN])(` + strings.Join(quoted, "|") + `)(?:$|[^\pL\pN])`)
}

// knowsNoName reports whether the file's string literals must name no
// module: the non-test files of platform/.
func (p place) knowsNoName() bool {
	return under(p.dir, "platform") && !strings.HasSuffix(p.file, "_test.go")
}

// checkNames reports each string literal of f, struct tags included and
// imports excepted (the import rules judge those), that names a module.
func (c *checker) checkNames(p place, f *ast.File) {
	if c.names == nil {
		return
	}
	ast.Inspect(f, func(n ast.Node) bool {
		if _, ok := n.(*ast.ImportSpec); ok {
			return false
		}
		if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			c.checkName(p, lit)
		}
		return true
	})
}

// checkName reports the first module named on each line of lit.
func (c *checker) checkName(p place, lit *ast.BasicLit) {
	value, err := strconv.Unquote(lit.Value)
	if err != nil {
		value = lit.Value
	}
	pos := c.fset.Position(lit.Pos())
	for i, line := range strings.Split(value, "\n") {
		m := c.names.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		at := pos
		at.Line += i // raw strings span lines
		c.report(at, p.file, RuleKnowsNoName,
			fmt.Sprintf("literal %s names module %s", strconv.Quote(cut(strings.TrimSpace(line), 60)), strings.ToLower(m[1])))
	}
}

// cut shortens s to n runes for a message.
func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
