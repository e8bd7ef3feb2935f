package app_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"

	"github.com/jubako/jubako/platform/app"
	"github.com/jubako/jubako/platform/testkit"
)

type readiness struct {
	Ready  bool        `json:"ready"`
	Checks []app.Check `json:"checks"`
}

func TestReadyzFollowsRedisWhileHealthzStaysUp(t *testing.T) {
	m, err := miniredis.Run()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(m.Close)
	p := testkit.Start(t, testkit.SQLite(t), testkit.Settings{"redis.url": "redis://" + m.Addr()})

	phases := []struct {
		name    string
		act     func() error
		status  int
		redisUp bool
	}{
		{name: "redis up", act: func() error { return nil }, status: http.StatusOK, redisUp: true},
		{name: "redis stopped", act: func() error { m.Close(); return nil }, status: http.StatusServiceUnavailable},
		{name: "redis restarted", act: m.Restart, status: http.StatusOK, redisUp: true},
	}
	for _, ph := range phases {
		if err := ph.act(); err != nil {
			t.Fatalf("%s: %v", ph.name, err)
		}
		var res testkit.Response
		testkit.Eventually(t, 10*time.Second, func() bool {
			res = p.Do(t, http.MethodGet, "/readyz", nil)
			return res.Status == ph.status
		}, func() string { return fmt.Sprintf("%s: /readyz is %d: %s", ph.name, res.Status, res.Body) })
		var got readiness
		res.Decode(t, &got)
		want := map[string]bool{"database": true, "migrations": true, "redis": ph.redisUp}
		if got.Ready != (ph.status == http.StatusOK) || len(got.Checks) != len(want) {
			t.Errorf("%s: /readyz body %s", ph.name, res.Body)
		}
		for _, c := range got.Checks {
			if c.OK != want[c.Name] || (c.Error == "") != c.OK {
				t.Errorf("%s: check %+v, want ok=%v with an error exactly when not ok", ph.name, c, want[c.Name])
			}
		}
		if h := p.Do(t, http.MethodGet, "/healthz", nil); h.Status != http.StatusOK {
			t.Errorf("%s: /healthz is %d: %s", ph.name, h.Status, h.Body)
		}
	}
}
