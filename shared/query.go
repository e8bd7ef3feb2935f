package shared

import (
	"strconv"
	"time"
)

// Params reads a request's query parameters into typed values, for the
// filters of list routes. An absent parameter gives the zero value (or the
// default given); a bad one is an Invalid error naming the parameter, and
// Err returns the first.
type Params struct {
	values map[string]string
	err    error
}

// ParamsOf reads values (a parameter by name; absent or "" alike).
func ParamsOf(values map[string]string) *Params { return &Params{values: values} }

// String returns the parameter as it is.
func (p *Params) String(key string) string { return p.values[key] }

// Bool reads true or false (and what strconv.ParseBool accepts).
func (p *Params) Bool(key string) bool {
	v := p.values[key]
	if v == "" {
		return false
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		p.Fail(key, "must be true or false")
	}
	return b
}

// Duration reads a duration that is not negative; examples ("30s, 5m")
// show the format in the error.
func (p *Params) Duration(key, examples string) time.Duration {
	v := p.values[key]
	if v == "" {
		return 0
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		p.Fail(key, "not a duration (use %s)", examples)
		return 0
	}
	return d
}

// Int reads a whole number from lo to hi; def when absent.
func (p *Params) Int(key string, def, lo, hi int) int {
	v := p.values[key]
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		p.Fail(key, "must be a number from %d to %d", lo, hi)
		return def
	}
	return n
}

// Fail records a bad parameter that the caller checked itself.
func (p *Params) Fail(key, format string, args ...any) {
	if p.err == nil {
		p.err = Invalid(key, format, args...)
	}
}

// Err is the first bad parameter's error, or nil.
func (p *Params) Err() error { return p.err }
