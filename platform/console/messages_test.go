package console_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/testkit"
)

var deadLetterRow = regexp.MustCompile(`data-task="([^"]+)"`)

// deadLetters polls the messages page until it lists n dead letters, and
// returns their task ids.
func deadLetters(t *testing.T, p *testkit.Process, n int) (ids []string, body string) {
	t.Helper()
	testkit.Eventually(t, 30*time.Second, func() bool {
		body = fetch(t, http.MethodGet, p.URL+"/admin/live/messages", nil, "Cookie", adminCookie(t)).Body
		ids = nil
		for _, m := range deadLetterRow.FindAllStringSubmatch(body, -1) {
			ids = append(ids, m[1])
		}
		return len(ids) == n
	}, func() string { return fmt.Sprintf("dead letters %v, want %d:\n%s", ids, n, body) })
	return ids, body
}

func poke(t *testing.T, p *testkit.Process, id string) {
	t.Helper()
	ctx := context.Background()
	if err := p.DB.Transact(ctx, func(tx *gorm.DB) error { return pokedTopic.Publish(ctx, tx, poked{ID: id}) }); err != nil {
		t.Fatal(err)
	}
}

func TestDeadLettersAreResubmittedAndDeletedFromTheConsole(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p, pr := startOn(t, be, true, nil)
		pr.refusing.Store(true)
		poke(t, p, "first")
		poke(t, p, "second")
		ids, body := deadLetters(t, p, 2)
		for _, want := range []string{"probe.poked.v1", "poison message: the probe refuses first", `{&#34;id&#34;:&#34;second&#34;}`} {
			if !strings.Contains(body, want) {
				t.Errorf("the dead letters do not show %q:\n%s", want, body)
			}
		}
		pr.refusing.Store(false)
		admin := adminCookie(t)
		token := csrf(t, fetch(t, http.MethodGet, p.URL+"/admin/messages", nil, "Cookie", admin))

		res := fetch(t, http.MethodPost, p.URL+"/admin/deadletters/probe/"+url.PathEscape(ids[0])+"/resubmit", nil,
			"Cookie", admin, "X-CSRF-Token", token, "HX-Request", "true")
		if res.Status != http.StatusOK || !strings.Contains(res.Body, "Resubmitted "+ids[0]) {
			t.Fatalf("resubmit: %d:\n%s", res.Status, res.Body)
		}
		testkit.Eventually(t, 30*time.Second, func() bool { return pr.handled.Load() == 1 },
			func() string { return fmt.Sprintf("handled %d resubmitted events, want 1", pr.handled.Load()) })

		res = fetch(t, http.MethodDelete, p.URL+"/admin/deadletters/probe/"+url.PathEscape(ids[1]), nil,
			"Cookie", admin, "X-CSRF-Token", token, "HX-Request", "true")
		if res.Status != http.StatusOK || !strings.Contains(res.Body, "Deleted "+ids[1]) {
			t.Fatalf("delete: %d:\n%s", res.Status, res.Body)
		}
		// Completions are recorded in batches, a moment after the handler ran.
		testkit.Eventually(t, 30*time.Second, func() bool {
			_, body = deadLetters(t, p, 0)
			return strings.Contains(body, "No dead letters.") && strings.Contains(body, `probe: completed`) && strings.Contains(body, `probe: dead`)
		}, func() string { return "after resubmitting one and deleting the other:\n" + body })
		if n := pr.handled.Load(); n != 1 {
			t.Errorf("handled %d events, want only the resubmitted one", n)
		}
	})
}
