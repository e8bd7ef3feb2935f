package archtest

import (
	"maps"
	"slices"
	"strings"
)

// edge is one module importing another module's contract.
type edge struct{ from, to string }

// graph is the module dependency graph, with the first import that created
// each edge so that a cycle can be reported at a line of code.
type graph struct {
	next map[string][]string
	at   map[edge]Violation
}

// add records that module from imports module to's contract at file:line.
func (g *graph) add(from, to, file string, line int) {
	e := edge{from, to}
	if _, ok := g.at[e]; ok {
		return
	}
	if g.next == nil {
		g.next = map[string][]string{}
		g.at = map[edge]Violation{}
	}
	g.at[e] = Violation{File: file, Line: line}
	g.next[from] = append(g.next[from], to)
	slices.Sort(g.next[from])
}

// cycles reports, for each module not already on a reported cycle, the
// shortest cycle through it, at the import that leaves its first module.
func (g *graph) cycles() []Violation {
	onCycle := map[string]bool{}
	var found []Violation
	for _, start := range slices.Sorted(maps.Keys(g.next)) {
		if onCycle[start] {
			continue
		}
		cycle := g.shortestCycle(start)
		if cycle == nil {
			continue
		}
		for _, m := range cycle {
			onCycle[m] = true
		}
		v := g.at[edge{cycle[0], cycle[1]}]
		v.Rule = RuleModuleCycle
		v.Detail = "module cycle " + strings.Join(cycle, " → ")
		found = append(found, v)
	}
	return found
}

// shortestCycle finds, breadth first, the shortest path from start back to
// start, as the list of modules visited (start first and last); nil if none.
func (g *graph) shortestCycle(start string) []string {
	parent := map[string]string{start: ""}
	queue := []string{start}
	for len(queue) > 0 {
		m := queue[0]
		queue = queue[1:]
		for _, n := range g.next[m] {
			if n == start {
				return append(trail(parent, m), start)
			}
			if _, seen := parent[n]; !seen {
				parent[n] = m
				queue = append(queue, n)
			}
		}
	}
	return nil
}

// trail walks parent links back from m to the search's start.
func trail(parent map[string]string, m string) []string {
	var rev []string
	for ; m != ""; m = parent[m] {
		rev = append(rev, m)
	}
	slices.Reverse(rev)
	return rev
}
