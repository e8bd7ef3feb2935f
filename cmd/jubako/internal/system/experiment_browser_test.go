package system

import (
	"context"
	"net/http"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestExperimentsPanelInChromium starts a saved experiment from the
// console's Experiments panel, follows it live while guests check out,
// and reads its report: a payment declining every card deviates, the experiment cohort's
// checkouts charted beside the control cohort's. Screenshots of each step.
func TestExperimentsPanelInChromium(t *testing.T) {
	path := chromium(t)
	p, s, _ := consoleShop(t)
	s.setStock(t, candleHolder, 100000)
	status, data := call(t, http.DefaultClient, http.MethodPut, p.URL+"/api/admin/experiments/definitions/payment%20declines",
		`{"name": "payment declines", "duration": "5s", "settle": "20s",
		  "faults": [{"target": "payment.Charge", "kind": "error", "code": "conflict"}],
		  "hypothesis": [{"metric": "checkout_success_rate", "max_delta": 0.05},
		                 {"metric": "route_p95_ms", "route": "POST /api/checkout", "max_delta": 250}]}`,
		"Authorization", s.admin)
	decode(t, status, data, http.StatusOK, nil)

	b := newBrowser(t, path, p.URL)
	if status := b.logIn(adminEmail, adminPassword); status != http.StatusOK {
		t.Fatalf("the admin's login ends with %d", status)
	}
	b.open("/admin/panels/experiments")
	b.waitText("#experiment-definitions", "payment declines", "payment.Charge", "checkout_success_rate")
	b.shot("experiments-saved")

	ctx, stop := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	defer func() { stop(); wg.Wait() }()
	b.do(chromedp.Click(chromedp.CSS(`button[data-start="payment declines"]`)))
	b.waitText("#experiment-status", "running")
	for range 10 {
		wg.Go(func() { s.shopper(ctx) })
	}
	b.waitText("#experiment-report", "experiment", "n=")
	b.shot("experiments-running")
	b.waitText("#experiment-status", "finished")
	stop()
	b.waitText("#experiment-verdict", "deviated")
	b.waitText("#experiment-report", "checkout_success_rate", "control", "experiment", "100.0 %")
	b.shot("experiments-report")
}
