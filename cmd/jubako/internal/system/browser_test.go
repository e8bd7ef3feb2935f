package system

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jubako/jubako/modules/orders"
)

// Environment of the browser tests: JUBAKO_TEST_BROWSER=1 makes a missing
// Chromium a failure (CI sets it); screenshots go to JUBAKO_TEST_ARTIFACTS.
const (
	envBrowser   = "JUBAKO_TEST_BROWSER"
	envArtifacts = "JUBAKO_TEST_ARTIFACTS"
)

// chromium finds a Chromium binary, or skips — or fails, when the
// environment asks for the browser tests.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	if os.Getenv(envBrowser) != "" {
		t.Fatalf("%s is set and no Chromium binary was found: install it (apt-get install -y chromium)", envBrowser)
	}
	t.Skipf("no Chromium binary found: install it (apt-get install -y chromium) to run the console in a browser, or set %s=1 to make this a failure", envBrowser)
	return ""
}

// browser is a headless Chromium tab on a 1280×800 window.
type browser struct {
	t         *testing.T
	ctx       context.Context
	base      string
	artifacts string
	shots     int
	// prefix starts the screenshots' names: "console", "shop".
	prefix string
}

// newBrowser starts Chromium (found by chromium) for the site at base.
func newBrowser(t *testing.T, chromiumPath, base string) *browser {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 800),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 4*time.Minute)
	t.Cleanup(func() { cancelTime(); cancelTab(); cancelAlloc() })
	dir := os.Getenv(envArtifacts)
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	b := &browser{t: t, ctx: ctx, base: base, artifacts: dir, prefix: "console"}
	b.do(chromedp.EmulateViewport(1280, 800))
	return b
}

func (b *browser) do(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatal(err)
	}
}

// open loads a page and returns its HTTP status.
func (b *browser) open(path string) int64 {
	b.t.Helper()
	res, err := chromedp.Run(b.ctx, chromedp.NavigateResponse(b.base+path))
	if err != nil {
		b.t.Fatalf("open %s: %v", path, err)
	}
	return res.Status
}

// submit clicks a form's button and returns the status of the page it
// leads to (after redirects).
func (b *browser) submit(button string) int64 {
	b.t.Helper()
	res, err := chromedp.RunResponse(b.ctx, chromedp.Click(chromedp.CSS(button)))
	if err != nil {
		b.t.Fatalf("submit %s: %v", button, err)
	}
	return res.Status
}

// waitText waits until the element's text contains every want.
func (b *browser) waitText(sel string, want ...string) string {
	b.t.Helper()
	var text string
	deadline := time.Now().Add(45 * time.Second)
	for {
		text, _ = chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
		missing := ""
		for _, w := range want {
			if !strings.Contains(text, w) {
				missing = w
			}
		}
		if missing == "" {
			return text
		}
		if time.Now().After(deadline) {
			b.t.Fatalf("%s never showed %q; it shows:\n%s", sel, missing, text)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// waitJS waits until a JavaScript expression is truthy.
func (b *browser) waitJS(expr string) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(45*time.Second))); err != nil {
		b.t.Fatalf("waiting for %s: %v", expr, err)
	}
}

// html is the page's current markup.
func (b *browser) html() string {
	b.t.Helper()
	h, err := chromedp.Run(b.ctx, chromedp.OuterHTML(chromedp.CSS("html")))
	if err != nil {
		b.t.Fatal(err)
	}
	return h
}

// shot saves a screenshot of the whole page as an artifact.
func (b *browser) shot(name string) {
	b.t.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatal(err)
	}
	b.shots++
	path := filepath.Join(b.artifacts, fmt.Sprintf("%s-%02d-%s.png", b.prefix, b.shots, name))
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot %s", path)
}

func (b *browser) logIn(email, password string) int64 {
	b.t.Helper()
	if status := b.open("/admin/login"); status != http.StatusOK {
		b.t.Fatalf("login page: %d", status)
	}
	b.do(chromedp.SendKeys(chromedp.CSS(`input[name=email]`), email), chromedp.SendKeys(chromedp.CSS(`input[name=password]`), password))
	return b.submit(`form[action="/admin/login"] button[type=submit]`)
}

// placeOrder checks a mug out with card and waits for its outcome.
func placeOrder(t *testing.T, s *shop, card string) orders.Order {
	t.Helper()
	c := s.customer()
	c.add(t, mug, 1)
	_, id, body := c.checkout(t, form(withCard(card)), "")
	if id == "" {
		t.Fatalf("checkout: %s", body)
	}
	return c.settled(t, id)
}
