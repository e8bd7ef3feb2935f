package telemetry

import "strings"

// SplitPath splits a path or a route pattern into its segments, without
// the leading and trailing slash.
func SplitPath(p string) []string {
	p = strings.Trim(p, "/")
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

// PathMatches tells whether the segments of path take a route pattern's:
// literal ones (any case, as the router compares them), parameters (":id"
// as fiber writes them, "{id}" as the API document does, ":id?" also when
// absent), a final "*" matching whatever follows and a final "+" matching
// one segment or more.
func PathMatches(pattern, path []string) bool {
	for i, s := range pattern {
		switch {
		case s == "*":
			return true
		case s == "+":
			return i < len(path)
		case strings.HasPrefix(s, ":") && strings.HasSuffix(s, "?"):
			if i >= len(path) {
				return i == len(pattern)-1
			}
		case i >= len(path):
			return false
		case strings.HasPrefix(s, ":"), strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}"):
		case !strings.EqualFold(s, path[i]):
			return false
		}
	}
	return len(path) == len(pattern)
}

// PathUnder reports whether path is prefix or below it, ignoring case as
// the router does.
func PathUnder(path, prefix string) bool {
	return len(path) >= len(prefix) && strings.EqualFold(path[:len(prefix)], prefix) &&
		(len(path) == len(prefix) || path[len(prefix)] == '/')
}
