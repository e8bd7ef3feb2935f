package local_test

import (
	"net/http"
	"testing"

	"github.com/jubako/jubako/platform/testkit"
)

func TestChangePassword(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p, _ := start(t, be, nil)
		register(t, p, "grace@example.com", "grace's first secret")
		bearer := login(t, p, "grace@example.com", "grace's first secret")
		for _, tc := range []struct {
			name   string
			auth   []string
			body   map[string]string
			status int
			field  string
		}{
			{"anonymous", nil, map[string]string{"current_password": "grace's first secret", "new_password": "grace's next secret"}, http.StatusUnauthorized, ""},
			{"wrong current password", []string{"Authorization", bearer}, map[string]string{"current_password": "a wrong guess, long", "new_password": "grace's next secret"}, http.StatusUnauthorized, ""},
			{"new password too short", []string{"Authorization", bearer}, map[string]string{"current_password": "grace's first secret", "new_password": "short"}, http.StatusBadRequest, "new_password"},
			{"changed", []string{"Authorization", bearer}, map[string]string{"current_password": "grace's first secret", "new_password": "grace's next secret"}, http.StatusNoContent, ""},
		} {
			res := p.Do(t, http.MethodPost, "/api/auth/password", tc.body, tc.auth...)
			if res.Status != tc.status {
				t.Fatalf("%s: %d %s, want %d", tc.name, res.Status, res.Body, tc.status)
			}
			if tc.field != "" && res.Err(t).Error.Field != tc.field {
				t.Errorf("%s: field %q, want %q", tc.name, res.Err(t).Error.Field, tc.field)
			}
		}
		res := p.Do(t, http.MethodPost, "/api/auth/login", map[string]string{"email": "grace@example.com", "password": "grace's first secret"})
		if res.Status != http.StatusUnauthorized {
			t.Errorf("the old password still logs in: %d", res.Status)
		}
		login(t, p, "grace@example.com", "grace's next secret")
	})
}
