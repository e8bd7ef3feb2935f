package shared_test

import (
	"testing"
	"time"

	"github.com/jubako/jubako/shared"
)

func TestParamsReadTypedValuesWithDefaults(t *testing.T) {
	p := shared.ParamsOf(map[string]string{"name": "trip", "stuck": "true", "age": "90s", "limit": "7"})
	if got := p.String("name"); got != "trip" {
		t.Errorf("name = %q", got)
	}
	if !p.Bool("stuck") || p.Bool("absent") {
		t.Error("stuck should read true and an absent flag false")
	}
	if got := p.Duration("age", "30s"); got != 90*time.Second {
		t.Errorf("age = %s", got)
	}
	if got, def := p.Int("limit", 100, 1, 10), p.Int("absent", 100, 1, 10); got != 7 || def != 100 {
		t.Errorf("limit = %d, absent = %d; want 7 and the default 100", got, def)
	}
	if err := p.Err(); err != nil {
		t.Errorf("good parameters gave %v", err)
	}
}

func TestParamsNameTheFirstBadParameter(t *testing.T) {
	for _, tc := range []struct {
		values       map[string]string
		field, words string
	}{
		{map[string]string{"stuck": "maybe"}, "stuck", "must be true or false"},
		{map[string]string{"age": "soon"}, "age", "not a duration (use 30s, 5m)"},
		{map[string]string{"age": "-1s"}, "age", "not a duration (use 30s, 5m)"},
		{map[string]string{"limit": "0"}, "limit", "must be a number from 1 to 500"},
		{map[string]string{"limit": "501"}, "limit", "must be a number from 1 to 500"},
		{map[string]string{"limit": "ten"}, "limit", "must be a number from 1 to 500"},
		{map[string]string{"stuck": "maybe", "limit": "0"}, "stuck", "must be true or false"},
	} {
		p := shared.ParamsOf(tc.values)
		p.Bool("stuck")
		p.Duration("age", "30s, 5m")
		p.Int("limit", 0, 1, 500)
		err := p.Err()
		if e := shared.AsError(err); err == nil || e.Code != shared.CodeInvalid || e.Field != tc.field || e.Message != tc.words {
			t.Errorf("%v: got %v, want invalid %s: %s", tc.values, err, tc.field, tc.words)
		}
	}
}
