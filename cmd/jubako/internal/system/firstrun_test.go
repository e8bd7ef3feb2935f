package system

import (
	"encoding/json"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jubako/jubako/cmd/jubako/internal/linked"
	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/platform/testkit"
)

// TestFirstRunAdminReadsWhyACheckoutFailed is the first run of a shop with
// no admin settings: the generated password, printed once in the log, logs
// an operator into the console as a browser would; a wrong one does not.
// From the sagas list the operator follows a declined checkout to its saga
// and reads why it was cancelled.
func TestFirstRunAdminReadsWhyACheckoutFailed(t *testing.T) {
	logs := &testkit.LogBuffer{}
	settings := with(testkit.Settings{"admin.email": "", "admin.password": ""}) // over any JUBAKO_ADMIN_*
	p := testkit.StartWith(t, testkit.Options{
		Backend: testkit.SQLite(t), Settings: settings, Modules: linked.Modules(),
		Logger: slog.New(slog.NewJSONHandler(logs, nil)),
	})
	email, password := firstAdmin(t, logs)
	if email != "admin@jubako.local" || len(password) < 16 {
		t.Fatalf("the log hands out %q with a %d-character password, want admin@jubako.local and a long one", email, len(password))
	}

	intruder := newVisitor()
	refused := intruder.logIn(t, intruder.open(t, p.URL+"/admin/sagas"), email, password+"x")
	if refused.url.Path != "/admin/login" || !strings.Contains(refused.body, "Wrong email or password.") || intruder.hasSession(p.URL) {
		t.Errorf("a wrong password: %d at %s, session %v:\n%s", refused.status, refused.url, intruder.hasSession(p.URL), refused.body)
	}
	if again := intruder.open(t, p.URL+"/admin/sagas"); again.url.Path != "/admin/login" {
		t.Errorf("after a wrong password the sagas page answers at %s, want the login page", again.url)
	}

	ada := (&shop{url: p.URL}).customer()
	ada.add(t, mug, 1)
	status, id, body := ada.checkout(t, form(withCard(payment.DeclinedCard)), "")
	if status != http.StatusAccepted || id == "" {
		t.Fatalf("checkout: %d %s", status, body)
	}
	if o := ada.settled(t, id); o.Status != orders.StatusCancelled {
		t.Fatalf("the order with the declined card is %s, want CANCELLED", o.Status)
	}

	operator := newVisitor()
	list := operator.logIn(t, operator.open(t, p.URL+"/admin/sagas"), email, password)
	if list.url.Path != "/admin/sagas" || list.status != http.StatusOK {
		t.Fatalf("logged in at %s (%d), want the sagas list:\n%s", list.url, list.status, list.body)
	}
	link := regexp.MustCompile(`<a href="([^"]+)">` + regexp.QuoteMeta(id) + `</a>`).FindStringSubmatch(list.body)
	if link == nil {
		t.Fatalf("the sagas list has no link to order %s:\n%s", id, list.body)
	}
	saga := operator.follow(t, list, link[1])
	reason := html.UnescapeString(between(saga.body, `id="saga-reason">`, "<"))
	if saga.status != http.StatusOK || !strings.Contains(saga.body, `id="saga-status">CANCELLED<`) ||
		!strings.Contains(reason, "declined") || !strings.Contains(reason, "0002") {
		t.Errorf("saga page %s (%d) gives the reason %q, want CANCELLED because the card ending in 0002 was declined:\n%s",
			saga.url, saga.status, reason, saga.body)
	}
}

var generatedAdmin = regexp.MustCompile(`^first admin created: email (\S+) password (\S+): change it$`)

// firstAdmin reads the one WARN line that hands out the generated admin.
func firstAdmin(t *testing.T, logs *testkit.LogBuffer) (email, password string) {
	t.Helper()
	var found [][]string
	for _, line := range strings.Split(logs.String(), "\n") {
		var rec struct{ Level, Msg string }
		if json.Unmarshal([]byte(line), &rec) == nil && rec.Level == "WARN" {
			if m := generatedAdmin.FindStringSubmatch(rec.Msg); m != nil {
				found = append(found, m)
			}
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d WARN lines hand out the first admin, want 1:\n%s", len(found), logs)
	}
	return found[0][1], found[0][2]
}

// visitor is a browser: it keeps cookies and follows redirects.
type visitor struct{ client *http.Client }

// page is what a visitor sees, and where.
type page struct {
	url    *url.URL
	status int
	body   string
}

func newVisitor() visitor {
	jar, _ := cookiejar.New(nil) // never fails without options
	return visitor{client: &http.Client{Jar: jar, Timeout: 30 * time.Second}}
}

func (v visitor) open(t *testing.T, rawURL string) page {
	t.Helper()
	return v.send(t, http.MethodGet, rawURL, nil)
}

// follow opens href as found on from.
func (v visitor) follow(t *testing.T, from page, href string) page {
	t.Helper()
	target, err := from.url.Parse(html.UnescapeString(href))
	if err != nil {
		t.Fatalf("link %q on %s: %v", href, from.url, err)
	}
	return v.open(t, target.String())
}

var (
	formAction = regexp.MustCompile(`<form[^>]*\saction="([^"]*)"`)
	inputTag   = regexp.MustCompile(`<input[^>]*>`)
	attrValue  = regexp.MustCompile(`\s(type|name|value)="([^"]*)"`)
)

// logIn submits the login form of p: its hidden fields as served, the
// email and password typed in.
func (v visitor) logIn(t *testing.T, p page, email, password string) page {
	t.Helper()
	action := formAction.FindStringSubmatch(p.body)
	if p.url.Path != "/admin/login" || action == nil || !strings.Contains(p.body, `name="password"`) {
		t.Fatalf("%s (%d) is not the login form:\n%s", p.url, p.status, p.body)
	}
	fields := url.Values{"email": {email}, "password": {password}}
	for _, tag := range inputTag.FindAllString(p.body, -1) {
		attrs := map[string]string{}
		for _, a := range attrValue.FindAllStringSubmatch(tag, -1) {
			attrs[a[1]] = html.UnescapeString(a[2])
		}
		if attrs["type"] == "hidden" {
			fields.Set(attrs["name"], attrs["value"])
		}
	}
	if fields.Get("csrf") == "" {
		t.Fatalf("the login form carries no CSRF token:\n%s", p.body)
	}
	target, err := p.url.Parse(html.UnescapeString(action[1]))
	if err != nil {
		t.Fatal(err)
	}
	return v.send(t, http.MethodPost, target.String(), fields)
}

// hasSession tells whether the visitor holds a console session for base.
func (v visitor) hasSession(base string) bool {
	u, _ := url.Parse(base + "/admin/")
	for _, c := range v.client.Jar.Cookies(u) {
		if c.Name == "jubako_console" && c.Value != "" {
			return true
		}
	}
	return false
}

func (v visitor) send(t *testing.T, method, rawURL string, form url.Values) page {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, rawURL, body)
	if err != nil {
		t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	res, err := v.client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, rawURL, err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return page{url: res.Request.URL, status: res.StatusCode, body: string(data)}
}
