package loadgen_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/jubako/jubako/cmd/jubako/internal/linked"
	"github.com/jubako/jubako/cmd/jubako/internal/loadgen"
	"github.com/jubako/jubako/platform/testkit"
)

// TestOBsMixAgainstTheShop runs the load generator against the whole shop
// in this process (rate limits off): every task of the mix runs, none
// fails, checkouts place orders, and the report adds up. Users think a
// little between tasks: a checkout's saga empties the whole cart once it
// commits, so a user adding to its cart at once may see it emptied under
// its feet (a limit of the checkout, see the README).
func TestOBsMixAgainstTheShop(t *testing.T) {
	p := testkit.Start(t, testkit.SQLite(t), nil, linked.Modules()...)
	for _, tc := range []struct {
		name string
		opts func(*loadgen.Options)
	}{
		{"closed loop, thinking 200-400 ms", func(o *loadgen.Options) {
			o.Think = loadgen.Think{Min: 200 * time.Millisecond, Max: 400 * time.Millisecond}
		}},
		{"open loop at 20 tasks/s", func(o *loadgen.Options) { o.Rate = 20 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := loadgen.Defaults()
			o.URL, o.Users, o.SpawnRate, o.Duration, o.Seed = p.URL, 4, 40, 5*time.Second, 7
			tc.opts(&o)
			r, err := loadgen.New(o)
			if err != nil {
				t.Fatal(err)
			}
			report := loadgen.NewReport(o, r.Run(context.Background()))
			var buf bytes.Buffer
			_ = report.WriteTable(&buf)
			t.Logf("\n%s", buf.String())
			if report.Errors != 0 || report.RateLimited != 0 || report.Statuses["200"] == 0 {
				t.Errorf("%d failed tasks, %d rate limited, answers %v, want none failed", report.Errors, report.RateLimited, report.Statuses)
			}
			var done, answered int64
			for _, task := range report.Tasks {
				if task.Count == 0 || task.P50 <= 0 || task.P99 < task.P50 {
					t.Errorf("task %+v: want it run, with percentiles", task)
				}
				done += task.Count
			}
			for _, n := range report.Statuses {
				answered += n
			}
			if answered != report.Requests || report.Statuses["303"] == 0 {
				t.Errorf("answers %v add up to %d, requests %d; want them equal, forms redirected", report.Statuses, answered, report.Requests)
			}
			if o.Rate > 0 && (done < 80 || done > 110) {
				t.Errorf("%d tasks at 20/s for 5 s", done)
			}
		})
	}
	var list struct {
		Sagas []struct{ Status string } `json:"sagas"`
	}
	res := p.Do(t, http.MethodGet, "/api/admin/sagas?name=checkout&limit=500", nil, "Authorization", testkit.AdminAuthorization)
	if res.Decode(t, &list); len(list.Sagas) == 0 {
		t.Errorf("no checkout saga after the runs: %s", res.Body)
	}
}

// TestRateLimitedAnswersAreReported: a shop refusing with 429 fails the
// tasks, and the report says why and what to do.
func TestRateLimitedAnswersAreReported(t *testing.T) {
	shop := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "60")
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	defer shop.Close()
	o := loadgen.Defaults()
	o.URL, o.Users, o.Duration, o.Think = shop.URL, 2, time.Second, loadgen.Think{Min: 10 * time.Millisecond, Max: 10 * time.Millisecond}
	r, err := loadgen.New(o)
	if err != nil {
		t.Fatal(err)
	}
	report := loadgen.NewReport(o, r.Run(context.Background()))
	if report.RateLimited == 0 || report.Errors == 0 || report.RateLimited != report.Requests {
		t.Fatalf("%d requests, %d rate limited, %d failed tasks: want every one refused and reported", report.Requests, report.RateLimited, report.Errors)
	}
	var table, raw bytes.Buffer
	_ = report.WriteTable(&table)
	for _, want := range []string{"429 ×", "(rate limited)", "JUBAKO_HTTP_RATE_LIMIT_ENABLED=false", "error: index: GET /: 429"} {
		if !strings.Contains(table.String(), want) {
			t.Errorf("the table lacks %q:\n%s", want, table.String())
		}
	}
	_ = report.WriteJSON(&raw)
	var back loadgen.Report
	if err := json.Unmarshal(raw.Bytes(), &back); err != nil || back.RateLimited != report.RateLimited || len(back.Tasks) != 6 {
		t.Errorf("JSON report %s (%v)", raw.String(), err)
	}
}

func TestOptionsNameTheFlagAtFault(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*loadgen.Options)
		flag string
	}{
		{"no URL", func(o *loadgen.Options) { o.URL = "" }, "--url"},
		{"not a URL of a web shop", func(o *loadgen.Options) { o.URL = "ftp://shop" }, "--url"},
		{"no user", func(o *loadgen.Options) { o.Users = 0 }, "--users"},
		{"no spawning", func(o *loadgen.Options) { o.SpawnRate = 0 }, "--spawn-rate"},
		{"no time", func(o *loadgen.Options) { o.Duration = 0 }, "--duration"},
		{"a negative rate", func(o *loadgen.Options) { o.Rate = -1 }, "--rate"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := loadgen.Defaults()
			o.URL = "http://localhost:8080"
			tc.edit(&o)
			if err := o.Validate(); err == nil || !strings.HasPrefix(err.Error(), tc.flag) {
				t.Errorf("Validate() = %v, want an error about %s", err, tc.flag)
			}
		})
	}
}

func TestThinkTimes(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want loadgen.Think
		ok   bool
	}{
		{"1s-10s", loadgen.Think{Min: time.Second, Max: 10 * time.Second}, true},
		{"500ms", loadgen.Think{Min: 500 * time.Millisecond, Max: 500 * time.Millisecond}, true},
		{"0", loadgen.Think{}, true},
		{"10s-1s", loadgen.Think{}, false},
		{"soon", loadgen.Think{}, false},
	} {
		got, err := loadgen.ParseThink(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("ParseThink(%q) = %v, %v", tc.in, got, err)
		}
	}
}
