package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/jubako/jubako/platform/gateway"
)

// adminFlags adds to f the flags that reach a shop's admin API: --url and
// an admin's --token, or --email and --password. connect, called once f
// is parsed, logs in.
func adminFlags(f *pflag.FlagSet, timeout time.Duration) (connect func() (*adminAPI, error)) {
	url := f.String("url", "http://localhost:8080", "the shop's address")
	token := f.String("token", os.Getenv("JUBAKO_TOKEN"), "an admin's bearer token (default $JUBAKO_TOKEN)")
	email := f.String("email", os.Getenv("JUBAKO_ADMIN_EMAIL"), "log in as this admin instead (default $JUBAKO_ADMIN_EMAIL)")
	password := f.String("password", os.Getenv("JUBAKO_ADMIN_PASSWORD"), "the admin's password (default $JUBAKO_ADMIN_PASSWORD)")
	return func() (*adminAPI, error) {
		api := &adminAPI{url: strings.TrimRight(*url, "/"), client: &http.Client{Timeout: timeout}}
		return api, api.logIn(*token, *email, *password)
	}
}

// adminAPI calls a shop's admin API with an admin's token.
type adminAPI struct {
	url    string
	client *http.Client
	token  string
}

// logIn uses token, or logs in with email and password.
func (a *adminAPI) logIn(token, email, password string) error {
	if token != "" {
		a.token = token
		return nil
	}
	if email == "" {
		return fmt.Errorf("an admin's --token (or --email and --password) is required")
	}
	body, _ := json.Marshal(map[string]string{"email": email, "password": password})
	var reply struct {
		Token string `json:"token"`
	}
	if err := a.do(http.MethodPost, "/api/auth/login", body, &reply); err != nil {
		return fmt.Errorf("log in as %s: %w", email, err)
	}
	a.token = reply.Token
	return nil
}

// do sends body (JSON, nil for none) and decodes the answer into v (nil
// to ignore it); an error answer becomes its shared.Error.
func (a *adminAPI) do(method, path string, body []byte, v any) error {
	req, err := http.NewRequest(method, a.url+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if a.token != "" {
		req.Header.Set("Authorization", "Bearer "+a.token)
	}
	res, err := a.client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		return err
	}
	if res.StatusCode >= 300 {
		var e gateway.ErrorBody
		if json.Unmarshal(data, &e) == nil && e.Error != nil && e.Error.Code != "" {
			return e.Error
		}
		return fmt.Errorf("%s %s: %s", method, path, res.Status)
	}
	if v == nil || len(data) == 0 {
		return nil
	}
	return json.Unmarshal(data, v)
}
