package config

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/spf13/cast"
)

// decodeList fills a []Struct from the list under key: a YAML list of
// mappings in the file, or JSON in the environment
// (JUBAKO_RESILIENCE_EDGES='[{"caller":"orders","endpoint":"payment.Charge"}]').
// A list replaces the default one. Lists hold what cannot be a key — viper
// lowercases keys and splits them on dots, so "payment.Charge" is a value.
// Elements are flat: their fields are leaves, and a pointer field stays nil
// unless the element sets it (an override that leaves the rest alone).
func (s *Source) decodeList(key string, field reflect.Value) error {
	if err := s.v.BindEnv(key, EnvName(key)); err != nil {
		return fmt.Errorf("config: bind %s: %w", key, err)
	}
	if !s.v.IsSet(key) {
		return nil
	}
	items, err := listOf(s.v.Get(key))
	if err != nil {
		return &FieldError{Key: key, Value: s.v.Get(key), Reason: err.Error()}
	}
	list := reflect.MakeSlice(field.Type(), len(items), len(items))
	for i, item := range items {
		ik := fmt.Sprintf("%s[%d]", key, i)
		if err := decodeItem(ik, item, list.Index(i)); err != nil {
			return err
		}
		if err := validate(ik, list.Index(i).Addr().Interface()); err != nil {
			return err
		}
	}
	field.Set(list)
	return nil
}

// listOf reads a list of mappings as viper holds it, or JSON text.
func listOf(raw any) ([]map[string]any, error) {
	if text, ok := raw.(string); ok {
		if strings.TrimSpace(text) == "" {
			return nil, nil
		}
		var items []map[string]any
		if err := json.Unmarshal([]byte(text), &items); err != nil {
			return nil, fmt.Errorf("not a list of mappings (in the environment, JSON: [{\"key\":\"value\"}])")
		}
		return items, nil
	}
	rv := reflect.ValueOf(raw)
	if rv.Kind() != reflect.Slice {
		return nil, fmt.Errorf("not a list")
	}
	items := make([]map[string]any, rv.Len())
	for i := range items {
		m, err := cast.ToStringMapE(rv.Index(i).Interface())
		if err != nil {
			return nil, fmt.Errorf("item %d is not a mapping", i)
		}
		items[i] = m
	}
	return items, nil
}

// decodeItem sets the fields of one element from its mapping; a name the
// element has no field for is an error, so a typo does not go unnoticed.
func decodeItem(key string, item map[string]any, rv reflect.Value) error {
	fields := map[string]int{}
	for i := range rv.NumField() {
		if name := rv.Type().Field(i).Tag.Get("config"); name != "" && name != "-" {
			fields[name] = i
		}
	}
	for name, raw := range item {
		i, ok := fields[strings.ToLower(name)]
		if !ok {
			return &FieldError{Key: join(key, name), Value: raw, Reason: "no such setting"}
		}
		field := rv.Field(i)
		t := field.Type()
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		val, err := convert(raw, t)
		if err != nil {
			return &FieldError{Key: join(key, name), Value: raw, Reason: err.Error()}
		}
		if field.Kind() == reflect.Pointer {
			p := reflect.New(t)
			p.Elem().Set(val)
			val = p
		}
		field.Set(val)
	}
	return nil
}
