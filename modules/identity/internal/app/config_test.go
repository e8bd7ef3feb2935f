package app

import (
	"strings"
	"testing"
)

func TestAdminConfigValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  AdminConfig
		want string
	}{
		{"unset", AdminConfig{}, ""},
		{"both set", AdminConfig{Email: "boss@example.com", Password: "correct horse"}, ""},
		{"email only", AdminConfig{Email: "Boss@Example.com"}, ""},
		{"password only", AdminConfig{Password: "correct horse"}, ""},
		{"bad email", AdminConfig{Email: "boss"}, `email="boss": must be an email address`},
		{"short password", AdminConfig{Password: "123456789"}, `password="(redacted)": must be 10 to 128 characters`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.cfg.Validate()
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("Validate: %v, want nil", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("Validate: %v, want %q", err, tc.want)
			case err != nil && tc.cfg.Password != "" && strings.Contains(err.Error(), tc.cfg.Password):
				t.Errorf("the error shows the password: %v", err)
			}
		})
	}
}
