package serve

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium finds Debian's Chromium: $GAZETTE_CHROMIUM or /usr/bin/chromium.
func chromium(t *testing.T) string {
	t.Helper()
	p := os.Getenv("GAZETTE_CHROMIUM")
	if p == "" {
		p = "/usr/bin/chromium"
	}
	if _, err := exec.LookPath(p); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("Chromium is needed in CI: %v", err)
		}
		t.Skip("no Chromium; apt-get install chromium (see README)")
	}
	return p
}

// browser starts a headless Chromium with a fresh profile and no network
// beyond this machine.
func browser(t *testing.T) context.Context {
	t.Helper()
	profile, err := os.MkdirTemp("", "gazette-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium(t)),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profile),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(func() {
		chromedp.Cancel(ctx) // closes the browser and waits for it
		cancelTimeout()
		cancel()
		cancelAlloc()
		os.RemoveAll(profile) // best effort: Chromium may still be flushing it
	})
	return ctx
}

// waitFor waits until the page's script expression is true. Pages reload
// by themselves here, so an evaluation that meets a navigation is tried
// again.
func waitFor(_ context.Context, expr string) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		deadline := time.Now().Add(20 * time.Second)
		for {
			var ok bool
			if err := chromedp.Evaluate(expr, &ok).Do(ctx); err == nil && ok {
				return nil
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("timed out waiting for %s", expr)
			}
			time.Sleep(50 * time.Millisecond)
		}
	})
}

// TestBrowser_liveReload opens pages in Chromium and changes the site
// under them: each change shows in the open page without the test
// reloading it.
func TestBrowser_liveReload(t *testing.T) {
	ctx := browser(t)
	_, site, base := start(t)
	article := filepath.Join(site, "content/2015/raqqa.md")
	orig, _ := os.ReadFile(article)
	edit := func(path, data string) chromedp.ActionFunc {
		return func(context.Context) error { return os.WriteFile(path, []byte(data), 0o644) }
	}
	h1 := `document.querySelector("h1") && document.querySelector("h1").textContent`
	err := chromedp.Run(ctx,
		chromedp.Navigate(base+"articles/raqqa/"),
		waitFor(ctx, h1+` === "France launches more air strikes on IS targets in Syria"`),
		// The page listens for rebuilds once the server said hello.
		waitFor(ctx, `window.gazetteLive === true`),
		edit(article, strings.Replace(string(orig), "France launches more air strikes", "France widens its air campaign", 1)),
		waitFor(ctx, h1+` === "France widens its air campaign on IS targets in Syria"`),

		chromedp.Navigate(base),
		waitFor(ctx, `document.readyState === "complete"`),
		waitFor(ctx, `window.gazetteLive === true`),
		edit(filepath.Join(site, "content/brand-new.md"), "---\ntitle: A brand new article\ndate: 2031-01-01\n---\nNews.\n"),
		waitFor(ctx, `document.body.textContent.includes("A brand new article")`),

		edit(article, "---\ntitle: [broken\n---\n"),
		waitFor(ctx, `document.getElementById("gazette-error") !== null && document.getElementById("gazette-error").textContent.includes("raqqa.md")`),
		edit(article, string(orig)),
		waitFor(ctx, `document.getElementById("gazette-error") === null && document.body.textContent.includes("A brand new article")`),
	)
	if err != nil {
		t.Fatal(err)
	}
}
