package gateway

import (
	"reflect"
	"slices"
	"strings"

	"github.com/swaggest/jsonschema-go"
	"github.com/swaggest/openapi-go/openapi31"
)

// newSchemaReflector returns an OpenAPI 3.1 reflector whose schemas say
// what encoding/json writes: a property is required unless its field is
// omitempty or omitzero, and one that may be null is nullable.
func newSchemaReflector() *openapi31.Reflector {
	r := openapi31.NewReflector()
	r.DefaultOptions = append(r.DefaultOptions, jsonschema.InterceptProp(encoded))
	return r
}

// encoded marks a JSON property required when encoding/json always writes
// it, and lets a pointer to a struct be null — the reflector makes slices,
// maps and other pointers nullable itself; a nullable:"false" tag says a
// handler never sends or accepts null. Parameters (fields without a json
// tag) are left alone.
func encoded(p jsonschema.InterceptPropParams) error {
	tag, ok := p.Field.Tag.Lookup("json")
	if !p.Processed || !ok {
		return nil
	}
	_, options, _ := strings.Cut(tag, ",")
	for _, o := range strings.Split(options, ",") {
		if o == "omitempty" || o == "omitzero" {
			return nil
		}
	}
	if !slices.Contains(p.ParentSchema.Required, p.Name) {
		p.ParentSchema.Required = append(p.ParentSchema.Required, p.Name)
	}
	s := p.PropertySchema
	if p.Field.Type.Kind() == reflect.Pointer && s.Ref != nil && p.Field.Tag.Get("nullable") != "false" {
		ref := jsonschema.Schema{Ref: s.Ref}
		*s = jsonschema.Schema{AnyOf: []jsonschema.SchemaOrBool{jsonschema.Null.ToSchemaOrBool(), ref.ToSchemaOrBool()}}
	}
	return nil
}
