package bus

import "sort"

// PublicPaths declares the HTTP path prefixes a module serves besides
// /api/<module>, so that a gateway can forward them to the module when it
// runs in another process. Contracts call it once:
//
//	var _ = bus.PublicPaths("orders", "/api/checkout")
func PublicPaths(module string, prefixes ...string) bool {
	declared.Lock()
	defer declared.Unlock()
	if declared.paths == nil {
		declared.paths = map[string][]string{}
	}
	declared.paths[module] = append(declared.paths[module], prefixes...)
	return true
}

// PathsOf returns every public path prefix of module: /api/<module> and
// the declared ones, sorted.
func PathsOf(module string) []string {
	declared.Lock()
	defer declared.Unlock()
	out := append([]string{"/api/" + module}, declared.paths[module]...)
	sort.Strings(out)
	return out
}
