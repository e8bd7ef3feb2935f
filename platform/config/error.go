package config

import (
	"errors"
	"fmt"
)

// FieldError is a configuration value that cannot be used. Its message is one
// line naming the key and the offending value.
type FieldError struct {
	Key    string
	Value  any
	Reason string
}

func (e *FieldError) Error() string {
	return fmt.Sprintf("config: %s=%q: %s", e.Key, fmt.Sprint(e.Value), e.Reason)
}

// Invalid is what a Validate method returns for a bad value; key is relative
// to the section being decoded ("reservation_ttl" in section "inventory").
func Invalid(key string, value any, format string, args ...any) error {
	return &FieldError{Key: key, Value: value, Reason: fmt.Sprintf(format, args...)}
}

func qualify(prefix string, err error) error {
	var fe *FieldError
	if errors.As(err, &fe) {
		q := *fe
		q.Key = join(prefix, fe.Key)
		return &q
	}
	return fmt.Errorf("config: %s: %w", prefix, err)
}
