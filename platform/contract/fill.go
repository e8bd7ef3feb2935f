package contract

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// fillIn sets the request's fields named by fields (dotted JSON path →
// value name) to the state's values.
func fillIn(request []byte, fields map[string]string, values map[string]any) ([]byte, error) {
	if len(fields) == 0 {
		return request, nil
	}
	var doc map[string]any
	if err := json.Unmarshal(request, &doc); err != nil {
		return nil, fmt.Errorf("request: %w", err)
	}
	paths := make([]string, 0, len(fields))
	for path := range fields {
		paths = append(paths, path)
	}
	slices.Sort(paths)
	for _, path := range paths {
		v, ok := values[fields[path]]
		if !ok {
			return nil, fmt.Errorf("request field %s: the provider state gives no value %q", path, fields[path])
		}
		if err := set(doc, strings.Split(path, "."), v); err != nil {
			return nil, fmt.Errorf("request field %s: %w", path, err)
		}
	}
	return json.Marshal(doc)
}

// set puts v at the path under obj; every object on the way must exist.
func set(obj map[string]any, path []string, v any) error {
	for _, name := range path[:len(path)-1] {
		next, ok := obj[name].(map[string]any)
		if !ok {
			return fmt.Errorf("the request has no object %s", name)
		}
		obj = next
	}
	obj[path[len(path)-1]] = v
	return nil
}
