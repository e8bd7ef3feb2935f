// Package config loads jubako's configuration with viper, in increasing
// precedence: defaults (the zero-config values in each Config struct) <
// jubako.yaml < JUBAKO_* environment variables < command-line flags.
//
// Every package that needs settings declares a plain struct with `config`
// tags, a Defaults value and a Validate method; Source.Decode fills it. Bad
// values fail at start with one line naming the key and the value.
package config

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"time"

	"github.com/spf13/cast"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// EnvPrefix starts every environment variable jubako reads: the key
// "database.dsn" is JUBAKO_DATABASE_DSN.
const EnvPrefix = "JUBAKO"

// DefaultFile is read from the working directory when present.
const DefaultFile = "jubako.yaml"

// Source is the merged configuration of one process.
type Source struct {
	v     *viper.Viper
	flags *pflag.FlagSet
}

// Load reads the config file (flag --config, else ./jubako.yaml when it
// exists), the environment and the parsed flags. A flag named like a key
// ("--http.addr") overrides that key.
func Load(flags *pflag.FlagSet) (*Source, error) {
	v := viper.New()
	v.SetEnvPrefix(EnvPrefix)
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	v.AllowEmptyEnv(true)
	file, explicit := DefaultFile, false
	if flags != nil {
		if f := flags.Lookup("config"); f != nil && f.Value.String() != "" {
			file, explicit = f.Value.String(), true
		}
	}
	if env := os.Getenv(EnvPrefix + "_CONFIG"); env != "" && !explicit {
		file, explicit = env, true
	}
	if _, err := os.Stat(file); err == nil || explicit {
		v.SetConfigFile(file)
		v.SetConfigType("yaml")
		if err := v.ReadInConfig(); err != nil {
			return nil, fmt.Errorf("config: read %s: %w", file, err)
		}
	}
	return &Source{v: v, flags: flags}, nil
}

// Decode fills target, a pointer to a struct already holding its defaults,
// from the keys under prefix, then runs target's Validate method if it has
// one. Fields are named by their `config` tag; nested structs nest keys.
func (s *Source) Decode(prefix string, target any) error {
	rv := reflect.ValueOf(target)
	if rv.Kind() != reflect.Pointer || rv.Elem().Kind() != reflect.Struct {
		return fmt.Errorf("config: Decode needs a pointer to a struct, got %T", target)
	}
	if err := s.decodeStruct(prefix, rv.Elem()); err != nil {
		return err
	}
	return validate(prefix, target)
}

func validate(prefix string, target any) error {
	if v, ok := target.(interface{ Validate() error }); ok {
		if err := v.Validate(); err != nil {
			return qualify(prefix, err)
		}
	}
	return nil
}

func (s *Source) decodeStruct(prefix string, rv reflect.Value) error {
	rt := rv.Type()
	for i := range rt.NumField() {
		name := rt.Field(i).Tag.Get("config")
		if name == "" || name == "-" {
			continue
		}
		key := join(prefix, name)
		field := rv.Field(i)
		switch field.Kind() {
		case reflect.Struct:
			if field.Type() != reflect.TypeFor[time.Time]() {
				if err := s.decodeStruct(key, field); err != nil {
					return err
				}
				if err := validate(key, field.Addr().Interface()); err != nil {
					return err
				}
				continue
			}
		case reflect.Map:
			if err := s.decodeMap(key, field); err != nil {
				return err
			}
			continue
		case reflect.Slice:
			if field.Type().Elem().Kind() == reflect.Struct {
				if err := s.decodeList(key, field); err != nil {
					return err
				}
				continue
			}
		}
		if err := s.decodeLeaf(key, field); err != nil {
			return err
		}
	}
	return nil
}

// EnvName is the environment variable that sets key (http.addr:
// JUBAKO_HTTP_ADDR).
func EnvName(key string) string {
	return EnvPrefix + "_" + strings.ToUpper(strings.NewReplacer(".", "_", "-", "_").Replace(key))
}

func (s *Source) decodeLeaf(key string, field reflect.Value) error {
	env := EnvName(key)
	if err := s.v.BindEnv(key, env); err != nil {
		return fmt.Errorf("config: bind %s: %w", key, err)
	}
	if s.flags != nil {
		if f := s.flags.Lookup(key); f != nil {
			if err := s.v.BindPFlag(key, f); err != nil {
				return fmt.Errorf("config: bind flag %s: %w", key, err)
			}
		}
	}
	if !s.v.IsSet(key) {
		return nil
	}
	raw := s.v.Get(key)
	val, err := convert(raw, field.Type())
	if err != nil {
		return &FieldError{Key: key, Value: raw, Reason: err.Error()}
	}
	field.Set(val)
	return nil
}

// decodeMap fills a map[string]Struct from every sub-key present under key,
// e.g. modules.payment.url for map "modules", and validates each entry.
func (s *Source) decodeMap(key string, field reflect.Value) error {
	if field.Type().Key().Kind() != reflect.String || field.Type().Elem().Kind() != reflect.Struct {
		return fmt.Errorf("config: %s: only map[string]struct is supported", key)
	}
	if field.IsNil() {
		field.Set(reflect.MakeMap(field.Type()))
	}
	for _, name := range s.mapNames(key) {
		elem := reflect.New(field.Type().Elem()).Elem()
		if existing := field.MapIndex(reflect.ValueOf(name)); existing.IsValid() {
			elem.Set(existing)
		}
		if err := s.decodeStruct(join(key, name), elem); err != nil {
			return err
		}
		if err := validate(join(key, name), elem.Addr().Interface()); err != nil {
			return err
		}
		field.SetMapIndex(reflect.ValueOf(name), elem)
	}
	return nil
}

// mapNames lists the names under key found in the file or the environment
// (JUBAKO_MODULES_PAYMENT_URL names "payment" under "modules").
func (s *Source) mapNames(key string) []string {
	seen := map[string]bool{}
	for name := range s.v.GetStringMap(key) {
		seen[name] = true
	}
	envPrefix := EnvPrefix + "_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_")) + "_"
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if rest, ok := strings.CutPrefix(name, envPrefix); ok {
			if sub, _, ok := strings.Cut(rest, "_"); ok {
				seen[strings.ToLower(sub)] = true
			}
		}
	}
	names := make([]string, 0, len(seen))
	for name := range seen {
		names = append(names, name)
	}
	return names
}

func convert(raw any, t reflect.Type) (reflect.Value, error) {
	var (
		v   any
		err error
	)
	switch {
	case t == reflect.TypeFor[time.Duration]():
		v, err = toDuration(raw)
	case t.Kind() == reflect.String:
		v, err = cast.ToStringE(raw)
	case t.Kind() == reflect.Bool:
		v, err = cast.ToBoolE(raw)
	case t.Kind() == reflect.Int:
		v, err = cast.ToIntE(raw)
	case t.Kind() == reflect.Int64:
		v, err = cast.ToInt64E(raw)
	case t.Kind() == reflect.Float64:
		v, err = cast.ToFloat64E(raw)
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String:
		v, err = toStrings(raw)
	default:
		return reflect.Value{}, fmt.Errorf("unsupported field type %s", t)
	}
	if err != nil {
		return reflect.Value{}, errors.New(reasonOf(err, t))
	}
	return reflect.ValueOf(v).Convert(t), nil
}

// toDuration accepts Go durations ("30s", "5m"); a bare number is refused
// because its unit would be a guess.
func toDuration(raw any) (time.Duration, error) {
	switch r := raw.(type) {
	case time.Duration:
		return r, nil
	case string:
		if d, err := time.ParseDuration(strings.TrimSpace(r)); err == nil {
			return d, nil
		}
		if _, err := cast.ToFloat64E(r); err == nil && r != "0" {
			return 0, errors.New("needs a unit, like 30s or 5m")
		}
		if r == "0" {
			return 0, nil
		}
	case int, int64, float64:
		if cast.ToFloat64(r) == 0 {
			return 0, nil
		}
		return 0, errors.New("needs a unit, like 30s or 5m")
	}
	return 0, errors.New("not a duration (use 500ms, 30s, 5m…)")
}

func toStrings(raw any) ([]string, error) {
	if s, ok := raw.(string); ok {
		if s == "" {
			return nil, nil
		}
		parts := strings.Split(s, ",")
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		return parts, nil
	}
	return cast.ToStringSliceE(raw)
}

func reasonOf(err error, t reflect.Type) string {
	if t == reflect.TypeFor[time.Duration]() {
		return err.Error()
	}
	return fmt.Sprintf("not a valid %s", t.Kind())
}

func join(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

// Set overrides key above every other source; tests and embedding programs
// use it instead of flags.
func (s *Source) Set(key string, value any) { s.v.Set(key, value) }
