package shared

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// DecodeJSON decodes one JSON value into v. A failure is an Invalid error that
// names the field when one is at fault ("body" for malformed JSON).
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
	return nil
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
