package sender

import (
	"net/mail"
	"time"

	"github.com/jubako/jubako/platform/config"
)

// Config is the notification section.
type Config struct {
	SMTP SMTPConfig `config:"smtp"`
}

// SMTPConfig is notification.smtp: the mail server to hand mails to. An
// empty Host keeps mails in the database only.
type SMTPConfig struct {
	Host     string `config:"host"`
	Port     int    `config:"port"`
	Username string `config:"username"`
	Password string `config:"password" secret:"true"`
	// From is the sender address of every mail.
	From string `config:"from"`
	// Timeout bounds one delivery, from dialling to QUIT.
	Timeout time.Duration `config:"timeout"`
}

// Defaults is submission on port 587 from shop@jubako.local, with no host:
// mails stay in the database.
func Defaults() Config {
	return Config{SMTP: SMTPConfig{Port: 587, From: "shop@jubako.local", Timeout: 10 * time.Second}}
}

// Validate checks the smtp section.
func (c SMTPConfig) Validate() error {
	switch {
	case c.Port < 1 || c.Port > 65535:
		return config.Invalid("port", c.Port, "must be from 1 to 65535")
	case c.Timeout <= 0:
		return config.Invalid("timeout", c.Timeout, "must be positive")
	case c.Password != "" && c.Username == "":
		return config.Invalid("username", c.Username, "is required with a password")
	}
	if _, err := mail.ParseAddress(c.From); err != nil {
		return config.Invalid("from", c.From, "must be a mail address: %v", err)
	}
	return nil
}
