package console_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/testkit"
)

// sagaPage polls a saga's live part until it shows every want.
func sagaPage(t *testing.T, p *testkit.Process, id string, want ...string) string {
	t.Helper()
	var body string
	testkit.Eventually(t, 30*time.Second, func() bool {
		body = fetch(t, http.MethodGet, p.URL+"/admin/live/sagas/"+id, nil, "Cookie", adminCookie(t)).Body
		for _, w := range want {
			if !strings.Contains(body, w) {
				return false
			}
		}
		return true
	}, func() string { return fmt.Sprintf("saga %s never showed %q:\n%s", id, want, body) })
	return body
}

func TestSagasAreRetriedAndCompensatedFromTheConsole(t *testing.T) {
	// Retries wait a minute: a failed step stays put until an operator acts.
	p, pr := start(t, true, testkit.Settings{"saga.retry_base": "1m", "saga.retry_max": "1m"})
	pr.stalling.Store(true)
	ctx := context.Background()
	for _, id := range []string{"errand-retried", "errand-abandoned"} {
		if err := p.DB.Transact(ctx, func(tx *gorm.DB) error { return pr.errand.Start(ctx, tx, id, errand{What: "milk"}) }); err != nil {
			t.Fatal(err)
		}
		sagaPage(t, p, id, "RUNNING", "the shop is closed", "fetch (attempt 2, forward)", `id="retry"`, `id="compensate"`)
	}
	// One session throughout: its CSRF token is bound to when it was issued.
	admin := adminCookie(t)
	list := fetch(t, http.MethodGet, p.URL+"/admin/sagas?name=errand&status=RUNNING", nil, "Cookie", admin)
	if !strings.Contains(list.Body, `data-saga="errand-retried"`) || !strings.Contains(list.Body, `data-saga="errand-abandoned"`) {
		t.Fatalf("the list of running errands:\n%s", list.Body)
	}
	token := csrf(t, list)
	act := func(path string, form url.Values) page {
		return fetch(t, http.MethodPost, p.URL+path, form, "Cookie", admin, "X-CSRF-Token", token, "HX-Request", "true")
	}

	pr.stalling.Store(false)
	if res := act("/admin/sagas/errand-retried/retry", nil); res.Status != http.StatusOK || !strings.Contains(res.Body, "runs again") {
		t.Fatalf("retry: %d %s", res.Status, res.Body)
	}
	sagaPage(t, p, "errand-retried", "COMPLETED", `<td>deliver</td>`)

	if res := act("/admin/sagas/errand-abandoned/compensate", url.Values{"reason": {"the customer called"}}); res.Status != http.StatusOK {
		t.Fatalf("compensate: %d %s", res.Status, res.Body)
	}
	sagaPage(t, p, "errand-abandoned", "CANCELLED", "the customer called", "compensated")

	res := act("/admin/sagas/errand-retried/retry", nil)
	if res.Status != http.StatusConflict || !strings.Contains(res.Body, "already COMPLETED") {
		t.Errorf("retrying a completed saga: %d %s", res.Status, res.Body)
	}
}
