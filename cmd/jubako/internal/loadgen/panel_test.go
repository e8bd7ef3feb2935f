package loadgen_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/cmd/jubako/internal/loadgen"
)

// TestThePanelChartsTheRun: the console's panel says when no run is
// here, then charts a run: its numbers, two charts with a point per
// second, a line per task; it stops polling once the run is over.
func TestThePanelChartsTheRun(t *testing.T) {
	shop := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			http.Redirect(w, r, "/cart", http.StatusSeeOther)
		}
	}))
	defer shop.Close()
	cur := &loadgen.Current{}
	app := fiber.New()
	app.Get("/admin/panels/loadgen", loadgen.Panel(cur).Handler)
	page := func() string {
		res, err := app.Test(httptest.NewRequest(http.MethodGet, "/admin/panels/loadgen", nil), -1)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		return string(body)
	}
	if got := page(); !strings.Contains(got, `id="loadgen-none"`) {
		t.Errorf("without a run: %s", got)
	}

	o := loadgen.Defaults()
	o.URL, o.Users, o.Duration, o.Think = shop.URL, 3, 2500*time.Millisecond, loadgen.Think{Min: 5 * time.Millisecond, Max: 5 * time.Millisecond}
	r, err := loadgen.New(o)
	if err != nil {
		t.Fatal(err)
	}
	cur.Store(r)
	done := make(chan loadgen.Snapshot)
	go func() { done <- r.Run(context.Background()) }()
	time.Sleep(1500 * time.Millisecond)
	running := page()
	final := <-done
	finished := page()
	for name, want := range map[string][]string{
		"running":  {`id="loadgen-state">running`, `hx-trigger="every 2s"`, `id="chart-requests"`, `<polyline points="`},
		"finished": {`id="loadgen-state">finished`, `id="chart-p95"`, "<td>browseProduct</td>", "<td>checkout</td>"},
	} {
		html := map[string]string{"running": running, "finished": finished}[name]
		for _, w := range want {
			if !strings.Contains(html, w) {
				t.Errorf("%s: the panel lacks %q:\n%s", name, w, html)
			}
		}
	}
	if strings.Contains(finished, "hx-trigger") || len(final.Series) < 2 || final.Errors != 0 {
		t.Errorf("a finished run still polls, or has %d seconds and %d failed tasks", len(final.Series), final.Errors)
	}
}
