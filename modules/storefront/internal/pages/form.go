package pages

import (
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// form is a form as its page shows it: the values sent (or the defaults)
// by field, what is wrong with them, and the fields' labels.
type form struct {
	values map[string]string
	errors map[string]string
	labels map[string]string
	order  []string
}

// newForm is a form of fields (name, label pairs, in page order) with values.
func newForm(values map[string]string, fields ...string) *form {
	f := &form{values: values, errors: map[string]string{}, labels: map[string]string{}}
	for i := 0; i+1 < len(fields); i += 2 {
		f.labels[fields[i]] = fields[i+1]
		f.order = append(f.order, fields[i])
	}
	return f
}

// posted reads the form's fields from the request body, trimmed.
func posted(c *fiber.Ctx, fields ...string) *form {
	values := map[string]string{}
	for i := 0; i < len(fields); i += 2 {
		values[fields[i]] = strings.TrimSpace(c.FormValue(fields[i]))
	}
	return newForm(values, fields...)
}

func (f *form) value(name string) string { return f.values[name] }

// fail marks the field with what is wrong with it; the first mark stays.
func (f *form) fail(name, message string) {
	if _, marked := f.errors[name]; !marked {
		f.errors[name] = message
	}
}

func (f *form) ok() bool { return len(f.errors) == 0 }

// problem is a marked field, for the list at the top of a form.
type problem struct {
	Name, Label, Message string
}

// Problems lists the marked fields in page order.
func (f *form) Problems() []problem {
	var out []problem
	for _, name := range f.order {
		if msg, bad := f.errors[name]; bad {
			out = append(out, problem{Name: name, Label: f.labels[name], Message: msg})
		}
	}
	return out
}

// inputView is a text field for the "input" template.
type inputView struct {
	Name, Label, Type, Autocomplete, Value, Error string
}

// newInput describes the form's field name; a password is never sent back.
func newInput(f *form, name, label, kind, autocomplete string) inputView {
	v := inputView{Name: name, Label: label, Type: kind, Autocomplete: autocomplete, Value: f.values[name], Error: f.errors[name]}
	if kind == "password" {
		v.Value = ""
	}
	return v
}

// option is one choice of a select.
type option struct{ Value, Text string }

// choiceView is a select for the "choice" template.
type choiceView struct {
	Name, Label, Value, Error string
	Options                   []option
}

// newChoice describes the form's select name with its options; a value
// that is none of them (sent by hand) is added, so that it shows.
func newChoice(f *form, name, label string, options []option) choiceView {
	v := choiceView{Name: name, Label: label, Value: f.values[name], Error: f.errors[name], Options: options}
	if !slices.ContainsFunc(options, func(o option) bool { return o.Value == v.Value }) {
		v.Options = append(slices.Clip(options), option{Value: v.Value, Text: v.Value})
	}
	return v
}
