package console_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/jubako/jubako/platform/auth"
	"github.com/jubako/jubako/platform/testkit"
)

func TestVisitorsWithoutAnAdminSessionGetNoPage(t *testing.T) {
	p, _ := start(t, true, nil)
	expired := cookie(t, "u-root", auth.RoleAdmin, -time.Minute)
	cases := []struct {
		name     string
		headers  []string
		status   int
		location string
		body     string
	}{
		{"anonymous goes to the login page", nil, http.StatusSeeOther, "/admin/login?next=%2Fadmin%2Fmessages", ""},
		{"anonymous htmx poll is told to reload the login page", []string{"HX-Request", "true"}, http.StatusUnauthorized, "", ""},
		{"a tampered token goes to the login page", []string{"Cookie", adminCookie(t) + "x"}, http.StatusSeeOther, "/admin/login?expired=1&next=%2Fadmin%2Fmessages", ""},
		{"a token signed with another key", []string{"Cookie", foreignCookie(t)}, http.StatusSeeOther, "/admin/login?expired=1&next=%2Fadmin%2Fmessages", ""},
		{"a customer's token is forbidden", []string{"Cookie", cookie(t, "u-ada", auth.RoleCustomer, time.Hour)}, http.StatusForbidden, "", "The console is for admins"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := fetch(t, http.MethodGet, p.URL+"/admin/messages", nil, tc.headers...)
			if res.Status != tc.status || res.Header.Get("Location") != tc.location || !strings.Contains(res.Body, tc.body) {
				t.Fatalf("status %d, location %q, want %d and %q with %q:\n%s", res.Status, res.Header.Get("Location"), tc.status, tc.location, tc.body, res.Body)
			}
			if strings.Contains(res.Body, "Dead letters") {
				t.Error("the page's content was served")
			}
		})
	}
	t.Run("htmx is redirected back to the page it polls from", func(t *testing.T) {
		res := fetch(t, http.MethodGet, p.URL+"/admin/live/sagas?status=RUNNING", nil, "HX-Request", "true",
			"HX-Current-URL", p.URL+"/admin/sagas?status=RUNNING")
		if want := "/admin/login?next=%2Fadmin%2Fsagas%3Fstatus%3DRUNNING"; res.Header.Get("HX-Redirect") != want {
			t.Errorf("HX-Redirect %q, want %q", res.Header.Get("HX-Redirect"), want)
		}
	})
	t.Run("an expired session goes to the login page", func(t *testing.T) {
		res := fetch(t, http.MethodGet, p.URL+"/admin", nil, "Cookie", expired)
		if res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/admin/login?expired=1") {
			t.Errorf("status %d, location %q, want a redirect to the login page", res.Status, res.Header.Get("Location"))
		}
		if c, err := setCookie(res, "jubako_console"); err != nil || c.Value != "" {
			t.Errorf("the expired session cookie was not cleared: %v %v", c, err)
		}
	})
}

// foreignCookie is an admin token signed with another key.
func foreignCookie(t *testing.T) string {
	t.Helper()
	keys, err := auth.Load(auth.Config{SigningKey: strings.Repeat("k", 40), TokenTTL: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	token, _, err := keys.Issue("u-root", "root@example.com", auth.RoleAdmin)
	if err != nil {
		t.Fatal(err)
	}
	return "jubako_console=" + token
}

var loginToken = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// loginForm loads the login page and returns its CSRF token and cookie.
func loginForm(t *testing.T, base string) (token, cookie string) {
	t.Helper()
	res := fetch(t, http.MethodGet, base+"/admin/login", nil)
	m := loginToken.FindStringSubmatch(res.Body)
	c, err := setCookie(res, "jubako_console_login")
	if res.Status != http.StatusOK || m == nil || err != nil {
		t.Fatalf("login page: %d, token %v, cookie %v:\n%s", res.Status, m, err, res.Body)
	}
	return m[1], c.Name + "=" + c.Value
}

func TestLogin(t *testing.T) {
	p, _ := start(t, true, nil)
	token, nonce := loginForm(t, p.URL)
	form := func(email, pw, csrf string) url.Values {
		return url.Values{"email": {email}, "password": {pw}, "csrf": {csrf}, "next": {"/admin/sagas?status=RUNNING"}}
	}
	cases := []struct {
		name    string
		form    url.Values
		headers []string
		status  int
		body    string
	}{
		{"wrong password", form("root@example.com", "nope", token), []string{"Cookie", nonce}, http.StatusUnauthorized, "Wrong email or password."},
		{"unknown email", form("who@example.com", password, token), []string{"Cookie", nonce}, http.StatusUnauthorized, "Wrong email or password."},
		{"a customer", form("ada@example.com", password, token), []string{"Cookie", nonce}, http.StatusForbidden, "The console is for admins"},
		{"no CSRF token", form("root@example.com", password, ""), []string{"Cookie", nonce}, http.StatusForbidden, "reload it"},
		{"a token without its cookie", form("root@example.com", password, token), nil, http.StatusForbidden, "reload it"},
		{"another form's token", form("root@example.com", password, token+"A"), []string{"Cookie", nonce}, http.StatusForbidden, "reload it"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := fetch(t, http.MethodPost, p.URL+"/admin/login", tc.form, tc.headers...)
			if res.Status != tc.status || !strings.Contains(res.Body, tc.body) {
				t.Fatalf("status %d, want %d with %q:\n%s", res.Status, tc.status, tc.body, res.Body)
			}
			if _, err := setCookie(res, "jubako_console"); err == nil {
				t.Error("a session cookie was set")
			}
		})
	}
	t.Run("an admin", func(t *testing.T) {
		res := fetch(t, http.MethodPost, p.URL+"/admin/login", form("root@example.com", password, token), "Cookie", nonce, "X-Forwarded-Proto", "https")
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/admin/sagas?status=RUNNING" {
			t.Fatalf("status %d, location %q, want 303 to the page asked for", res.Status, res.Header.Get("Location"))
		}
		c, err := setCookie(res, "jubako_console")
		if err != nil || !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Path != "/admin" || !c.Secure {
			t.Fatalf("session cookie %+v (%v), want HttpOnly, SameSite=Strict, Path=/admin, Secure over HTTPS", c, err)
		}
		page := fetch(t, http.MethodGet, p.URL+"/admin/sagas", nil, "Cookie", "jubako_console="+c.Value)
		if page.Status != http.StatusOK || !strings.Contains(page.Body, "root@example.com") {
			t.Fatalf("with the session: %d:\n%s", page.Status, page.Body)
		}
		out := fetch(t, http.MethodPost, p.URL+"/admin/logout", url.Values{"csrf": {csrf(t, page)}}, "Cookie", "jubako_console="+c.Value)
		cleared, err := setCookie(out, "jubako_console")
		if out.Status != http.StatusSeeOther || err != nil || cleared.Value != "" {
			t.Errorf("logout: %d, cookie %+v", out.Status, cleared)
		}
	})
	t.Run("a redirect outside the console is refused", func(t *testing.T) {
		f := form("root@example.com", password, token)
		f.Set("next", "//evil.example.com/admin")
		res := fetch(t, http.MethodPost, p.URL+"/admin/login", f, "Cookie", nonce)
		if res.Header.Get("Location") != "/admin" {
			t.Errorf("location %q, want /admin", res.Header.Get("Location"))
		}
	})
}

func TestLoginWithoutIdentityModule(t *testing.T) {
	p, _ := start(t, false, nil)
	res := fetch(t, http.MethodGet, p.URL+"/admin/login", nil)
	if res.Status != http.StatusOK || !strings.Contains(res.Body, "login unavailable: no module in this process checks passwords") {
		t.Fatalf("login page: %d:\n%s", res.Status, res.Body)
	}
	token, nonce := loginForm(t, p.URL)
	post := fetch(t, http.MethodPost, p.URL+"/admin/login",
		url.Values{"email": {"root@example.com"}, "password": {password}, "csrf": {token}}, "Cookie", nonce)
	if post.Status != http.StatusServiceUnavailable || !strings.Contains(post.Body, "checks passwords") {
		t.Fatalf("login: %d:\n%s", post.Status, post.Body)
	}
}

func TestSessionsInUseAreRenewedUntilTheirMaximumAge(t *testing.T) {
	p, _ := start(t, true, nil)
	keys, err := auth.Load(auth.Config{SigningKey: testkit.SigningKey, TokenTTL: 5 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	issue := func(issuedAgo time.Duration) (string, auth.Claims) {
		token, _, err := keys.Issue("u-root", "u-root@example.com", auth.RoleAdmin)
		if err != nil {
			t.Fatal(err)
		}
		claims, err := keys.Verify(token)
		if err != nil {
			t.Fatal(err)
		}
		claims.IssuedAt = jwt.NewNumericDate(claims.IssuedAt.Add(-issuedAgo))
		if token, _, err = keys.Renew(claims); err != nil {
			t.Fatal(err)
		}
		return "jubako_console=" + token, claims
	}

	t.Run("a session with less than half its 15 min left gets 15 min again", func(t *testing.T) {
		old, claims := issue(10 * time.Minute)
		page := fetch(t, http.MethodGet, p.URL+"/admin", nil, "Cookie", old)
		c, err := setCookie(page, "jubako_console")
		if page.Status != http.StatusOK || err != nil {
			t.Fatalf("status %d, cookie: %v", page.Status, err)
		}
		renewed, err := keys.Verify(c.Value)
		if err != nil {
			t.Fatal(err)
		}
		if left := time.Until(renewed.ExpiresAt.Time); left < 14*time.Minute || left > 15*time.Minute || !renewed.IssuedAt.Equal(claims.IssuedAt.Time) {
			t.Errorf("renewed token: %s left, issued %v; want about 15 min, issued %v as before", left, renewed.IssuedAt, claims.IssuedAt)
		}
		// The page's CSRF token stays good with the renewed cookie.
		out := fetch(t, http.MethodPost, p.URL+"/admin/logout", url.Values{"csrf": {csrf(t, page)}}, "Cookie", "jubako_console="+c.Value)
		if out.Status != http.StatusSeeOther {
			t.Errorf("an action with the renewed session: %d %s", out.Status, out.Body)
		}
	})
	t.Run("a session with more than half its time left is kept as it is", func(t *testing.T) {
		page := fetch(t, http.MethodGet, p.URL+"/admin", nil, "Cookie", adminCookie(t))
		if _, err := setCookie(page, "jubako_console"); page.Status != http.StatusOK || err == nil {
			t.Errorf("status %d; a cookie was set: %v", page.Status, err == nil)
		}
	})
	t.Run("a session logged in 12 h ago is not renewed", func(t *testing.T) {
		aged, _ := issue(12*time.Hour + time.Minute)
		page := fetch(t, http.MethodGet, p.URL+"/admin", nil, "Cookie", aged)
		if _, err := setCookie(page, "jubako_console"); page.Status != http.StatusOK || err == nil {
			t.Errorf("status %d; a cookie was set: %v", page.Status, err == nil)
		}
	})
}
