// Package browsertest starts Debian's headless Chromium for tests that
// look at pages as a reader's browser does.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Path finds Debian's Chromium: $GAZETTE_CHROMIUM or /usr/bin/chromium.
// Without it the test is skipped, or, in CI, fails.
func Path(t testing.TB) string {
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

// Flags are the command-line flags every test browser runs with: headless,
// as root, with a network that is only this machine.
var Flags = []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
	"--disable-background-networking", "--disable-component-update", "--disable-sync"}

// New starts a headless Chromium with a fresh profile and returns its
// context; it is closed when the test ends.
func New(t testing.TB) context.Context {
	t.Helper()
	profile, err := os.MkdirTemp("", "gazette-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(Path(t)),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profile),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 120*time.Second)
	t.Cleanup(func() {
		chromedp.Cancel(ctx) // closes the browser and waits for it
		cancelTimeout()
		cancel()
		cancelAlloc()
		os.RemoveAll(profile) // best effort: Chromium may still be flushing it
	})
	return ctx
}

// WaitFor waits until the page's script expression is true. Pages may
// reload under it, so an evaluation that meets a navigation is tried
// again.
func WaitFor(expr string) chromedp.Action {
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
