package console

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/platform/config"
)

// Section is configuration the Config page shows: Value is the decoded
// struct (or pointer to one) of the keys under Name, "" for the root.
// Fields are named by their `config` tags; those tagged `secret:"true"`
// are never shown, and credentials in any other value are scrubbed.
type Section struct {
	Name  string
	Value any
}

// setting is one configuration key as the page shows it.
type setting struct {
	Key, Env, Value string
	// Secret is set for a redacted value; Set tells whether it has one.
	Secret, Set bool
}

// settingGroup is the keys of one top-level section.
type settingGroup struct {
	Name     string
	Settings []setting
}

func (k *Console) settings(*fiber.Ctx) (any, error) {
	var all []setting
	for _, s := range k.d.Sections {
		v := reflect.ValueOf(s.Value)
		if v.Kind() == reflect.Pointer {
			v = v.Elem()
		}
		if v.Kind() == reflect.Struct {
			walk(s.Name, v, false, &all)
		}
	}
	return groupSettings(all), nil
}

// walk flattens a config struct into settings, redacting secrets: a field
// tagged secret, or anything inside one.
func walk(prefix string, v reflect.Value, secret bool, out *[]setting) {
	t := v.Type()
	for i := range t.NumField() {
		name := t.Field(i).Tag.Get("config")
		if name == "" || name == "-" || !t.Field(i).IsExported() {
			continue
		}
		key := join(prefix, name)
		field, hidden := v.Field(i), secret || t.Field(i).Tag.Get("secret") == "true"
		switch {
		case field.Kind() == reflect.Struct && field.Type() != reflect.TypeFor[time.Time]():
			walk(key, field, hidden, out)
		case field.Kind() == reflect.Map && field.Type().Elem().Kind() == reflect.Struct:
			keys := field.MapKeys()
			sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
			for _, mk := range keys {
				walk(join(key, mk.String()), field.MapIndex(mk), hidden, out)
			}
		default:
			*out = append(*out, leaf(key, field, hidden))
		}
	}
}

func leaf(key string, field reflect.Value, secret bool) setting {
	s := setting{Key: key, Env: config.EnvName(key), Set: !field.IsZero()}
	switch {
	case secret:
		s.Secret = true
	case field.Kind() == reflect.Slice:
		parts := make([]string, field.Len())
		for i := range parts {
			parts[i] = fmt.Sprint(field.Index(i).Interface())
		}
		s.Value = scrub(strings.Join(parts, ", "))
	default:
		s.Value = scrub(fmt.Sprint(field.Interface()))
	}
	return s
}

// groupSettings groups settings by their first key segment, sorted.
func groupSettings(all []setting) []settingGroup {
	byName := map[string]*settingGroup{}
	var names []string
	for _, s := range all {
		name, _, _ := strings.Cut(s.Key, ".")
		if byName[name] == nil {
			byName[name] = &settingGroup{Name: name}
			names = append(names, name)
		}
		byName[name].Settings = append(byName[name].Settings, s)
	}
	sort.Strings(names)
	out := make([]settingGroup, len(names))
	for i, n := range names {
		out[i] = *byName[n]
		sort.SliceStable(out[i].Settings, func(a, b int) bool { return out[i].Settings[a].Key < out[i].Settings[b].Key })
	}
	return out
}

func join(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}
