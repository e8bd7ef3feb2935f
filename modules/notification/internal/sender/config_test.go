package sender_test

import (
	"testing"

	"github.com/jubako/jubako/modules/notification/internal/sender"
	"github.com/jubako/jubako/platform/config"
)

func TestConfig(t *testing.T) {
	for _, tc := range []struct {
		name string
		set  map[string]any
		want string // the error, or "" for none
	}{
		{"defaults", nil, ""},
		{"a host", map[string]any{"notification.smtp.host": "mail.example.com"}, ""},
		{"port zero", map[string]any{"notification.smtp.port": 0}, `config: notification.smtp.port="0": must be from 1 to 65535`},
		{"port not a number", map[string]any{"notification.smtp.port": "smtp"}, `config: notification.smtp.port="smtp": not a valid int`},
		{"bad from", map[string]any{"notification.smtp.from": "shop"}, `config: notification.smtp.from="shop": must be a mail address: mail: missing '@' or angle-addr`},
		{"password alone", map[string]any{"notification.smtp.password": "pw"}, `config: notification.smtp.username="": is required with a password`},
		{"no timeout", map[string]any{"notification.smtp.timeout": "0s"}, `config: notification.smtp.timeout="0s": must be positive`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src, err := config.Load(nil)
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range tc.set {
				src.Set(k, v)
			}
			c := sender.Defaults()
			err = src.Decode("notification", &c)
			if got := errString(err); got != tc.want {
				t.Errorf("error %q, want %q", got, tc.want)
			}
			if tc.want == "" && (c.SMTP.Port != 587 || c.SMTP.From != "shop@jubako.local") {
				t.Errorf("config %+v lost its defaults", c)
			}
		})
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
