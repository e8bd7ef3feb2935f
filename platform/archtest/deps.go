package archtest

import (
	"fmt"
	"slices"
	"strings"
)

// infrastructure lists the import path prefixes of what a contract must not
// link, directly or through the packages it imports: database access and
// SQL drivers, the broker and Redis, configuration, HTTP servers and wiring.
var infrastructure = []string{
	"gorm.io/", "github.com/glebarez/", "github.com/jackc/", "github.com/lib/pq", "modernc.org/sqlite",
	"github.com/mattn/go-sqlite3", "github.com/pressly/goose", "github.com/hibiken/asynq", "github.com/redis/",
	"github.com/alicebob/miniredis", "github.com/spf13/viper", "github.com/gofiber/", "github.com/valyala/fasthttp",
	"go.uber.org/fx",
}

// importRef is one import of a package's non-test file.
type importRef struct {
	path string
	file string
	line int
}

// links records the imports of the repository's packages, by directory.
type links map[string][]importRef

// add records an import of a non-test file of dir.
func (l links) add(dir string, ref importRef) {
	if !strings.HasSuffix(ref.file, "_test.go") {
		l[dir] = append(l[dir], ref)
	}
}

// contractLinks reports, for every import a contract may make (shared/,
// platform/bus), the infrastructure that import links, naming the chain of
// packages it comes through. Forbidden direct imports are
// RuleContractImports' business.
func (c *checker) contractLinks() {
	for dir, refs := range c.links {
		if !locate(dir + "/x.go").contract {
			continue
		}
		for _, ref := range refs {
			if !contractMayImport(ref.path) {
				continue
			}
			if chain, bad := c.links.reach(ref.path); bad != "" {
				c.found = append(c.found, Violation{File: ref.file, Line: ref.line, Rule: RuleContractLinks,
					Detail: fmt.Sprintf("links %q through %s", bad, strings.Join(chain, " → "))})
			}
		}
	}
}

// reach walks the repository's imports breadth-first from importPath and
// returns the first infrastructure package found with the chain of
// packages leading to it; bad is "" when there is none.
func (l links) reach(importPath string) (chain []string, bad string) {
	parent := map[string]string{importPath: ""}
	queue := []string{importPath}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if isInfrastructure(p) {
			return pathTo(parent, p), p
		}
		dir, inRepo := strings.CutPrefix(p, Repo+"/")
		if !inRepo {
			continue
		}
		for _, ref := range l[dir] {
			if _, seen := parent[ref.path]; !seen {
				parent[ref.path] = p
				queue = append(queue, ref.path)
			}
		}
	}
	return nil, ""
}

// pathTo lists the repository packages from the walk's start to p's importer.
func pathTo(parent map[string]string, p string) []string {
	var chain []string
	for q := parent[p]; q != ""; q = parent[q] {
		chain = append(chain, strings.TrimPrefix(q, Repo+"/"))
	}
	slices.Reverse(chain)
	return chain
}

func isInfrastructure(importPath string) bool {
	return slices.ContainsFunc(infrastructure, func(prefix string) bool { return strings.HasPrefix(importPath, prefix) })
}
