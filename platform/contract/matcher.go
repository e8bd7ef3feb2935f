package contract

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
)

// Kind is what a Matcher accepts.
type Kind string

// The kinds of Matcher.
const (
	KindString  Kind = "string"
	KindNumber  Kind = "number"
	KindInteger Kind = "integer"
	KindBool    Kind = "bool"
	KindObject  Kind = "object"
	KindArray   Kind = "array"
	KindEquals  Kind = "equals"
)

// Matcher describes a JSON value a consumer reads by its type: what it
// leaves out it does not read, so a provider may add fields freely.
type Matcher struct {
	Kind Kind `json:"type"`
	// Fields are the members an object must have (KindObject).
	Fields Fields `json:"fields,omitempty"`
	// Each is what every element of an array matches (KindArray).
	Each *Matcher `json:"each,omitempty"`
	// Value is the exact value a consumer relies on (KindEquals).
	Value json.RawMessage `json:"value,omitempty"`
}

// Fields are an object's members by JSON name.
type Fields map[string]Matcher

// String matches any JSON string.
func String() Matcher { return Matcher{Kind: KindString} }

// Number matches any JSON number.
func Number() Matcher { return Matcher{Kind: KindNumber} }

// Integer matches a JSON number without a fraction.
func Integer() Matcher { return Matcher{Kind: KindInteger} }

// Bool matches true or false.
func Bool() Matcher { return Matcher{Kind: KindBool} }

// Object matches a JSON object that has at least the fields given, each
// matching its matcher.
func Object(fields Fields) Matcher { return Matcher{Kind: KindObject, Fields: fields} }

// Array matches a JSON array of at least one element, every element
// matching each: an empty array would prove nothing about the elements.
func Array(each Matcher) Matcher { return Matcher{Kind: KindArray, Each: &each} }

// Equals matches exactly v, encoded as JSON: for a value the consumer
// relies on, such as a status it compares.
func Equals(v any) Matcher {
	data, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("contract: Equals(%v): %v", v, err))
	}
	return Matcher{Kind: KindEquals, Value: data}
}

// Mismatch is one place where a value does not match.
type Mismatch struct {
	// Path is the JSON path of the value: "price_usd.units", "items[0].quantity".
	Path    string
	Problem string
}

func (m Mismatch) String() string {
	if m.Path == "" {
		return m.Problem
	}
	return m.Path + ": " + m.Problem
}

// Match checks a JSON document against m and lists every mismatch, in
// path order.
func (m Matcher) Match(doc []byte) []Mismatch {
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		return []Mismatch{{Problem: "not JSON: " + err.Error()}}
	}
	var out []Mismatch
	m.match("", v, &out)
	return out
}

func (m Matcher) match(path string, v any, out *[]Mismatch) {
	fail := func(format string, args ...any) {
		*out = append(*out, Mismatch{Path: path, Problem: fmt.Sprintf(format, args...)})
	}
	switch m.Kind {
	case KindEquals:
		var want any
		if err := json.Unmarshal(m.Value, &want); err != nil || !reflect.DeepEqual(v, want) {
			fail("got %s, want %s", encode(v), m.Value)
		}
		return
	case KindInteger:
		if n, ok := v.(float64); !ok || n != math.Trunc(n) {
			fail("got %s, want %s", describe(v), m.Kind)
		}
		return
	}
	if kindOf(v) != m.Kind {
		fail("got %s, want %s", describe(v), m.Kind)
		return
	}
	switch m.Kind {
	case KindObject:
		m.matchFields(path, v.(map[string]any), out)
	case KindArray:
		items := v.([]any)
		if len(items) == 0 {
			fail("got an empty array, want at least one element")
		}
		for i, item := range items {
			m.Each.match(fmt.Sprintf("%s[%d]", path, i), item, out)
		}
	}
}

func (m Matcher) matchFields(path string, obj map[string]any, out *[]Mismatch) {
	names := make([]string, 0, len(m.Fields))
	for name := range m.Fields {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		at := strings.TrimPrefix(path+"."+name, ".")
		v, ok := obj[name]
		if !ok {
			*out = append(*out, Mismatch{Path: at, Problem: fmt.Sprintf("missing, want %s", m.Fields[name].Kind)})
			continue
		}
		m.Fields[name].match(at, v, out)
	}
}

// kindOf is the kind of a decoded JSON value; "" for null.
func kindOf(v any) Kind {
	switch v.(type) {
	case string:
		return KindString
	case float64:
		return KindNumber
	case bool:
		return KindBool
	case map[string]any:
		return KindObject
	case []any:
		return KindArray
	}
	return ""
}

func describe(v any) string {
	if v == nil {
		return "null"
	}
	return string(kindOf(v)) + " " + encode(v)
}

func encode(v any) string {
	data, _ := json.Marshal(v) // v was decoded from JSON: it encodes
	const most = 60
	if len(data) > most {
		return string(data[:most]) + "…"
	}
	return string(data)
}
