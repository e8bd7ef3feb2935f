package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	"github.com/jubako/jubako/platform/gateway"
)

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
