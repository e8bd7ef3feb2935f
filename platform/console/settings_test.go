package console_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/platform/auth"
	"github.com/jubako/jubako/platform/console"
	"github.com/jubako/jubako/platform/host"
	"github.com/jubako/jubako/platform/remote"
	"github.com/jubako/jubako/platform/testkit"
)

// mailSection is a module section like notification's, with a secret.
type mailSection struct {
	SMTP struct {
		Host     string `config:"host"`
		Username string `config:"username"`
		Password string `config:"password" secret:"true"`
	} `config:"smtp"`
}

// Secrets of every kind the Config page must never show.
const (
	dbPassword   = "pg-Secr3t-pass"
	signingKey   = "console-test-signing-key-0123456789abcdef"
	serviceToken = "service-token-0123456789"
	smtpPassword = "smtp-Secr3t-pass"
	redisPass    = "redis-Secr3t-pass"
	otlpPass     = "otlp-Secr3t-pass"
	moduleURLPw  = "module-Secr3t-pass"
)

func TestConfigPageNeverShowsSecrets(t *testing.T) {
	cfg := host.Defaults()
	cfg.Database.Driver, cfg.Database.DSN = "postgres", "postgres://shop:"+dbPassword+"@db.internal:5432/shop?sslmode=require"
	cfg.Auth.SigningKey = signingKey
	cfg.Service.Token = serviceToken
	cfg.Redis.URL = "redis://:" + redisPass + "@redis.internal:6379/0"
	cfg.Telemetry.OTLP.Endpoint = "https://collector:" + otlpPass + "@otel.internal/v1/traces"
	cfg.Modules = map[string]remote.Module{"payment": {URL: "http://svc:" + moduleURLPw + "@payment.internal:8081"}}
	var mail mailSection
	mail.SMTP.Host, mail.SMTP.Username, mail.SMTP.Password = "smtp.internal", "shop", smtpPassword

	keys, err := auth.Load(auth.Config{SigningKey: testkit.SigningKey, TokenTTL: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	k, err := console.New(console.Deps{Keys: keys, Sections: []console.Section{{Value: cfg}, {Name: "notification", Value: &mail}}})
	if err != nil {
		t.Fatal(err)
	}
	f := fiber.New()
	k.Mount(f)
	req := httptest.NewRequest(http.MethodGet, "/admin/config", nil)
	req.Header.Set("Cookie", adminCookie(t))
	res, err := f.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	html := string(data)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d:\n%s", res.StatusCode, html)
	}
	for _, secret := range []string{dbPassword, signingKey, serviceToken, smtpPassword, redisPass, otlpPass, moduleURLPw, "db.internal"} {
		if strings.Contains(html, secret) {
			t.Errorf("the Config page shows %q", secret)
		}
	}
	for _, want := range []string{
		"database.dsn", "auth.signing_key", "service.token", "redis.url", "notification.smtp.password",
		"set, redacted", "JUBAKO_NOTIFICATION_SMTP_PASSWORD", "smtp.internal",
		"https://collector:••••••@otel.internal/v1/traces", "http://svc:••••••@payment.internal:8081", "modules.payment.url",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the Config page lacks %q", want)
		}
	}
}

func TestConfigPageOfAProcess(t *testing.T) {
	p, _ := start(t, true, testkit.Settings{"service.token": serviceToken})
	res := fetch(t, http.MethodGet, p.URL+"/admin/config", nil, "Cookie", adminCookie(t))
	for _, secret := range []string{testkit.SigningKey, serviceToken} {
		if strings.Contains(res.Body, secret) {
			t.Errorf("the Config page shows %q", secret)
		}
	}
	if res.Status != http.StatusOK || !strings.Contains(res.Body, "auth.signing_key") {
		t.Errorf("status %d:\n%s", res.Status, res.Body)
	}
}
