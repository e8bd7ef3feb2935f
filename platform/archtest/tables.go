package archtest

import (
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// PlatformOwner owns the platform's tables (jubako_outbox, jubako_inbox, …).
const PlatformOwner = "jubako"

// owners maps each table, lower-cased, to the owner whose migrations
// create it.
type owners map[string]string

var (
	// createTable finds CREATE TABLE [IF NOT EXISTS] [schema.]name; group 1
	// is the table name.
	createTable = regexp.MustCompile("(?i)\\bcreate\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?" +
		"(?:[\"`]?\\w+[\"`]?\\.)?[\"`]?(\\w+)")
	// sqlComment matches -- line comments and /* */ block comments.
	sqlComment = regexp.MustCompile(`(?s)--[^\n]*|/\*.*?\*/`)
)

// loadMigrations reads migrations/<owner>/*.sql under root. It returns the
// owner of every correctly prefixed table and a violation for every table
// created without its owner's prefix.
func loadMigrations(root string) (owners, []Violation, error) {
	dirs, err := os.ReadDir(filepath.Join(root, "migrations"))
	if errors.Is(err, fs.ErrNotExist) {
		return owners{}, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("archtest: %w", err)
	}
	tables := owners{}
	var found []Violation
	for _, dir := range dirs {
		if !dir.IsDir() {
			continue
		}
		files, err := filepath.Glob(filepath.Join(root, "migrations", dir.Name(), "*.sql"))
		if err != nil {
			return nil, nil, fmt.Errorf("archtest: %w", err)
		}
		for _, file := range files {
			src, err := os.ReadFile(file)
			if err != nil {
				return nil, nil, fmt.Errorf("archtest: %w", err)
			}
			rel := path.Join("migrations", dir.Name(), filepath.Base(file))
			found = append(found, tables.collect(dir.Name(), rel, string(src))...)
		}
	}
	return tables, found, nil
}

// collect records the tables that the migration file rel of owner creates
// and reports those not prefixed with "<owner>_".
func (o owners) collect(owner, rel, src string) []Violation {
	src = sqlComment.ReplaceAllStringFunc(src, blank)
	prefix := strings.ToLower(owner) + "_"
	var found []Violation
	for _, m := range createTable.FindAllStringSubmatchIndex(src, -1) {
		name := strings.ToLower(src[m[2]:m[3]])
		if strings.HasPrefix(name, prefix) {
			o[name] = owner
			continue
		}
		found = append(found, Violation{
			File:   rel,
			Line:   1 + strings.Count(src[:m[2]], "\n"),
			Rule:   RuleTablePrefix,
			Detail: fmt.Sprintf("creates table %q (want prefix %q)", name, prefix),
		})
	}
	return found
}

// blank replaces every character of s but newlines with a space, so that
// offsets and line numbers survive.
func blank(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' {
			return r
		}
		return ' '
	}, s)
}

// foreign compiles a pattern matching, as a whole word, any table not owned
// by module; nil when there is none.
func (o owners) foreign(module string) *regexp.Regexp {
	var names []string
	for table, owner := range o {
		if owner != module {
			names = append(names, regexp.QuoteMeta(table))
		}
	}
	if len(names) == 0 {
		return nil
	}
	slices.Sort(names)
	return regexp.MustCompile(`(?i)\b(?:` + strings.Join(names, "|") + `)\b`)
}

// checkLiterals reports each string literal of the module file f, struct
// tags and TableName results included, that names another owner's table.
func (c *checker) checkLiterals(p place, f *ast.File) {
	pattern := c.owners.foreign(p.module)
	if pattern == nil {
		return
	}
	ast.Inspect(f, func(n ast.Node) bool {
		if _, ok := n.(*ast.ImportSpec); ok {
			return false
		}
		if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			c.checkLiteral(p, lit, pattern)
		}
		return true
	})
}

// checkLiteral reports each foreign table named in lit.
func (c *checker) checkLiteral(p place, lit *ast.BasicLit, pattern *regexp.Regexp) {
	value, err := strconv.Unquote(lit.Value)
	if err != nil {
		value = lit.Value
	}
	pos := c.fset.Position(lit.Pos())
	for _, m := range pattern.FindAllStringIndex(value, -1) {
		table := strings.ToLower(value[m[0]:m[1]])
		at := pos
		at.Line += strings.Count(value[:m[0]], "\n") // raw strings span lines
		c.report(at, p.file, RuleForeignTable,
			fmt.Sprintf("names table %q of %s", table, c.owners.describe(table)))
	}
}

// describe names the owner of table for a message.
func (o owners) describe(table string) string {
	if owner := o[table]; owner != PlatformOwner {
		return "module " + owner
	}
	return "the platform"
}
