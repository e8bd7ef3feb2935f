package local_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/jubako/jubako/platform/testkit"
)

func TestBadInputNamesTheField(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p, _ := start(t, be, nil)
		long := strings.Repeat("a", 250) + "@example.com"
		for _, tc := range []struct {
			name, path string
			body       any
			field      string
		}{
			{"register: malformed JSON", "register", `{"email":`, "body"},
			{"register: no body", "register", "", "body"},
			{"register: not an object", "register", `["ada@example.com"]`, "body"},
			{"register: email missing", "register", map[string]any{"password": "long enough secret"}, "email"},
			{"register: email not an address", "register", map[string]any{"email": "ada", "password": "long enough secret"}, "email"},
			{"register: email with a display name", "register", map[string]any{"email": "Ada <ada@example.com>", "password": "long enough secret"}, "email"},
			{"register: email too long", "register", map[string]any{"email": long, "password": "long enough secret"}, "email"},
			{"register: email not a string", "register", `{"email":42,"password":"long enough secret"}`, "email"},
			{"register: password missing", "register", map[string]any{"email": "ada@example.com"}, "password"},
			{"register: password of 9 characters", "register", map[string]any{"email": "ada@example.com", "password": "123456789"}, "password"},
			{"register: password of 9 runes in more bytes", "register", map[string]any{"email": "ada@example.com", "password": "ééééééééé"}, "password"},
			{"register: password of 129 characters", "register", map[string]any{"email": "ada@example.com", "password": strings.Repeat("p", 129)}, "password"},
			{"register: password not a string", "register", `{"email":"ada@example.com","password":1234567890}`, "password"},
			{"login: malformed JSON", "login", `{"email"`, "body"},
			{"login: email missing", "login", map[string]any{"password": "long enough secret"}, "email"},
			{"login: email too long", "login", map[string]any{"email": long, "password": "long enough secret"}, "email"},
			{"login: password missing", "login", map[string]any{"email": "ada@example.com"}, "password"},
			{"login: password too long", "login", map[string]any{"email": "ada@example.com", "password": strings.Repeat("p", 129)}, "password"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				res := p.Do(t, http.MethodPost, "/api/auth/"+tc.path, tc.body)
				if e := res.Err(t).Error; res.Status != http.StatusBadRequest || e.Code != "invalid" || e.Field != tc.field {
					t.Errorf("%d %s, want 400 invalid naming %q", res.Status, res.Body, tc.field)
				}
			})
		}
		var n int64
		if err := p.DB.Table("identity_users").Where("role = ?", "customer").Count(&n).Error; err != nil || n != 0 {
			t.Errorf("%d customers (%v) after bad registrations, want none", n, err)
		}
	})
}

func TestAnEmailRegistersOnce(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p, _ := start(t, be, nil)
		register(t, p, "ada@example.com", "ada's long secret")
		res := p.Do(t, http.MethodPost, "/api/auth/register", map[string]string{"email": "ADA@example.com", "password": "another long secret"})
		if e := res.Err(t).Error; res.Status != http.StatusConflict || e.Reason != "email_taken" || e.Field != "email" {
			t.Errorf("registering a taken email in capitals: %d %s, want 409 email_taken on email", res.Status, res.Body)
		}
		statuses := make(chan int, 10)
		var wg sync.WaitGroup
		for range cap(statuses) {
			wg.Go(func() {
				statuses <- p.Do(t, http.MethodPost, "/api/auth/register", map[string]string{"email": "bob@example.com", "password": "bob's long secret"}).Status
			})
		}
		wg.Wait()
		close(statuses)
		counts := map[int]int{}
		for s := range statuses {
			counts[s]++
		}
		if counts[http.StatusCreated] != 1 || counts[http.StatusConflict] != 9 {
			t.Errorf("10 concurrent registrations of one email answered %v, want one 201 and nine 409", counts)
		}
		var n int64
		if err := p.DB.Table("identity_users").Where("email = ?", "bob@example.com").Count(&n).Error; err != nil || n != 1 {
			t.Errorf("%d rows (%v) for the email, want 1", n, err)
		}
	})
}

func TestPasswordsAreStoredHashed(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p, _ := start(t, be, nil)
		const secret = "the very same secret"
		register(t, p, "ada@example.com", secret)
		register(t, p, "bob@example.com", secret)
		var rows []map[string]any
		if err := p.DB.Table("identity_users").Where("role = ?", "customer").Find(&rows).Error; err != nil || len(rows) != 2 {
			t.Fatalf("%d rows (%v), want 2", len(rows), err)
		}
		hashes := map[string]bool{}
		for _, row := range rows {
			for column, value := range row {
				if s, ok := value.(string); ok && strings.Contains(s, secret) {
					t.Errorf("column %s holds the password in clear: %q", column, s)
				}
			}
			hash, _ := row["password_hash"].(string)
			if !strings.HasPrefix(hash, "$argon2id$v=19$m=19456,t=2,p=1$") {
				t.Errorf("password_hash %q, want an argon2id PHC string", hash)
			}
			hashes[hash] = true
		}
		if len(hashes) != 2 {
			t.Error("two accounts with one password have the same hash: the salt is missing")
		}
	})
}
