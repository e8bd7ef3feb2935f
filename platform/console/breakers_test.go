package console_test

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/jubako/jubako/shared"
)

func TestBreakersAreShownAndForcedFromTheConsole(t *testing.T) {
	p, _ := start(t, true, nil)
	if _, err := pingPoint.Call(t.Context(), p.Bus, poked{ID: "one"}); err != nil {
		t.Fatal(err)
	}
	admin := adminCookie(t)
	list := fetch(t, http.MethodGet, p.URL+"/admin/breakers", nil, "Cookie", admin)
	if list.Status != http.StatusOK || !strings.Contains(list.Body, `data-breaker="probe.Ping"`) || !strings.Contains(list.Body, ">closed<") {
		t.Fatalf("the breakers page: %d\n%s", list.Status, list.Body)
	}
	token := csrf(t, list)
	force := func(state string) page {
		form := url.Values{"endpoint": {"probe.Ping"}, "state": {state}}
		return fetch(t, http.MethodPost, p.URL+"/admin/breakers/force", form, "Cookie", admin, "X-CSRF-Token", token, "HX-Request", "true")
	}

	if res := force("open"); res.Status != http.StatusOK || !strings.Contains(res.Body, "forced open") {
		t.Fatalf("force open: %d %s", res.Status, res.Body)
	}
	if _, err := pingPoint.Call(t.Context(), p.Bus, poked{ID: "two"}); !errors.Is(err, shared.ErrUnavailable) {
		t.Errorf("a call through the forced-open breaker: %v; want unavailable", err)
	}
	live := fetch(t, http.MethodGet, p.URL+"/admin/live/breakers", nil, "Cookie", admin)
	if !strings.Contains(live.Body, ">forced-open<") {
		t.Errorf("the live part after forcing open:\n%s", live.Body)
	}

	if res := force("auto"); res.Status != http.StatusOK || !strings.Contains(res.Body, "back to following the calls") {
		t.Fatalf("force auto: %d %s", res.Status, res.Body)
	}
	if _, err := pingPoint.Call(t.Context(), p.Bus, poked{ID: "three"}); err != nil {
		t.Errorf("a call once back to auto: %v", err)
	}
	if res := force("sideways"); res.Status != http.StatusBadRequest {
		t.Errorf("force sideways: %d %s; want 400", res.Status, res.Body)
	}
}
