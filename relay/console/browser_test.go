package console_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium is Debian's browser, which `make test` installs.
const chromium = "/usr/bin/chromium"

// browser is the one headless Chromium of this test package, started by
// the first browser test and stopped by TestMain.
var browser struct {
	once   sync.Once
	ctx    context.Context
	cancel func()
	dir    string
	err    error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if browser.cancel != nil {
		browser.cancel()
	}
	if browser.dir != "" {
		_ = os.RemoveAll(browser.dir)
	}
	os.Exit(code)
}

func startBrowser() {
	browser.dir, browser.err = os.MkdirTemp("", "console-chromium-")
	if browser.err != nil {
		return
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium), chromedp.Headless,
		chromedp.NoSandbox, // the tests run as root
		chromedp.UserDataDir(browser.dir), chromedp.Flag("disable-gpu", true))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	browser.ctx, browser.cancel = ctx, func() { cancelCtx(); cancelAlloc() }
	browser.err = chromedp.Do(ctx) // starts the browser
}

// tab is a new tab in a browser context of its own (its own cookies),
// closed when the test ends. Without Chromium the test is skipped,
// unless EDGED_REQUIRE_CHROMIUM is set.
func tab(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromium); err != nil {
		if os.Getenv("EDGED_REQUIRE_CHROMIUM") != "" {
			t.Fatalf("EDGED_REQUIRE_CHROMIUM is set but %s is missing: apt-get install chromium", chromium)
		}
		t.Skipf("%s is missing (apt-get install chromium, or make test-deps); skipping the browser test", chromium)
	}
	browser.once.Do(startBrowser)
	if browser.err != nil {
		t.Fatalf("starting %s: %v", chromium, browser.err)
	}
	ctx, cancel := chromedp.NewContext(browser.ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 40*time.Second)
	t.Cleanup(cancelTimeout)
	return ctx
}

// waitFor polls a JavaScript predicate in the page until it holds; a
// poll cut short by a navigation (a form post, a click) starts again.
func waitFor(t *testing.T, ctx context.Context, what, js string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingInterval(50*time.Millisecond),
			chromedp.WithPollingTimeout(time.Until(deadline))))
		if err == nil {
			return
		}
		if time.Now().Before(deadline) && ctx.Err() == nil && (strings.Contains(err.Error(), "navigated") ||
			strings.Contains(err.Error(), "Cannot find context")) {
			continue
		}
		body, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
		t.Fatalf("%s: %v\npage:\n%s", what, err, body)
	}
}

// cellText is the JavaScript for the text of a cell of a SKU's row.
func cellText(sku, cell string) string {
	return fmt.Sprintf(`(((document.getElementById(%q) || {querySelector: () => null}).querySelector(%q) || {}).textContent || "")`, "row-"+sku, cell)
}

// logIn fills the login form of base and submits it.
func logIn(t *testing.T, ctx context.Context, base, user, password string) {
	t.Helper()
	err := chromedp.Do(ctx, chromedp.Navigate(base+"/console/"), chromedp.WaitVisible(chromedp.CSS("#user")),
		chromedp.SendKeys(chromedp.CSS("#user"), user), chromedp.SendKeys(chromedp.CSS("#password"), password),
		chromedp.Click(chromedp.CSS(`form.login button[type="submit"]`)))
	if err != nil && !errors.Is(err, context.Canceled) {
		t.Fatalf("login form: %v", err)
	}
}
