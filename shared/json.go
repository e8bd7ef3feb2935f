package shared

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
)

// DecodeJSON decodes one JSON value into v. A failure is an Invalid error that
// names the field when one is at fault ("body" for malformed JSON). A string
// holding a NUL character, at any depth, is refused too: PostgreSQL text
// cannot keep one, and no field has a use for it.
func DecodeJSON(data []byte, v any) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return Invalid("body", "a JSON body is required")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return Invalid("body", "unexpected data after the JSON value")
	}
	// A raw NUL byte is a syntax error: only the escape can bring one in.
	if bytes.Contains(data, []byte(`\u0000`)) {
		if field, found := findNUL(reflect.ValueOf(v), ""); found {
			return Invalid(orBody(field), "must not contain NUL characters")
		}
	}
	return nil
}

// findNUL returns the JSON path of a string in v that holds a NUL
// character, named as validation names fields ("address.city",
// "items[0].product_id"), and whether there is one.
func findNUL(v reflect.Value, path string) (string, bool) {
	switch v.Kind() {
	case reflect.String:
		return path, strings.IndexByte(v.String(), 0) >= 0
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return "", false
		}
		return findNUL(v.Elem(), path)
	case reflect.Struct:
		return structNUL(v, path)
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return "", false // bytes travel as base64
		}
		for i := range v.Len() {
			if field, found := findNUL(v.Index(i), fmt.Sprintf("%s[%d]", path, i)); found {
				return field, true
			}
		}
	case reflect.Map:
		return mapNUL(v, path)
	}
	return "", false
}

// structNUL looks through the fields JSON decodes into, under their JSON
// names; the fields of an embedded struct without a name are promoted.
func structNUL(v reflect.Value, path string) (string, bool) {
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		promoted := f.Anonymous && name == "" && isStruct(f.Type)
		if tag == "-" || !f.IsExported() && !promoted {
			continue
		}
		at := path
		if !promoted {
			at = join(path, cmp.Or(name, f.Name))
		}
		if field, found := findNUL(v.Field(i), at); found {
			return field, true
		}
	}
	return "", false
}

func isStruct(t reflect.Type) bool {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Kind() == reflect.Struct
}

// mapNUL looks through a map in the order of its keys, so that the same
// body always names the same field. A key holding NUL names the map.
func mapNUL(v reflect.Value, path string) (string, bool) {
	type entry struct {
		key   string
		value reflect.Value
	}
	entries := make([]entry, 0, v.Len())
	for it := v.MapRange(); it.Next(); {
		entries = append(entries, entry{fmt.Sprint(it.Key()), it.Value()})
	}
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.key, b.key) })
	for _, e := range entries {
		if strings.IndexByte(e.key, 0) >= 0 {
			return path, true
		}
		if field, found := findNUL(e.value, join(path, e.key)); found {
			return field, true
		}
	}
	return "", false
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func orBody(field string) string {
	if field == "" {
		return "body"
	}
	return field
}

func jsonError(err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr) && typeErr.Field != "":
		return Invalid(typeErr.Field, "must be %s, got JSON %s", describe(typeErr.Type.Kind().String()), typeErr.Value)
	case errors.As(err, &typeErr):
		return Invalid("body", "must be a JSON object, got JSON %s", typeErr.Value)
	case errors.As(err, &syntaxErr):
		return Invalid("body", "malformed JSON at offset %d: %s", syntaxErr.Offset, syntaxErr.Error())
	case errors.Is(err, io.ErrUnexpectedEOF):
		return Invalid("body", "truncated JSON")
	default:
		return Invalid("body", "malformed JSON: %s", err.Error())
	}
}

func describe(kind string) string {
	switch kind {
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64":
		return "an integer in range"
	case "float32", "float64":
		return "a number"
	case "struct", "map":
		return "an object"
	case "slice", "array":
		return "an array"
	default:
		return fmt.Sprintf("a %s", kind)
	}
}
