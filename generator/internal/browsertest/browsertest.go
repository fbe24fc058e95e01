// Package browsertest starts Debian's headless Chromium for tests that
// look at pages as a reader's browser does.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
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
		Need(t, "Chromium", "apt-get install chromium (see README)", err)
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

// Need reports a missing outside tool: the test is skipped with how to get
// it, or, in CI, where every tool is installed, fails.
func Need(t testing.TB, what, how string, err error) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is needed in CI: %v", what, err)
	}
	t.Skipf("no %s; %s", what, how)
}

// NodeFile returns the absolute path of a file of an npm package that the
// repository's package.json installs, from the node_modules folder of the
// repository root, found upward from the test's folder.
func NodeFile(t testing.TB, rel string) string {
	t.Helper()
	dir, err := os.Getwd()
	for err == nil {
		p := filepath.Join(dir, "node_modules", rel)
		if _, serr := os.Stat(p); serr == nil {
			return p
		}
		if _, serr := os.Stat(filepath.Join(dir, "go.mod")); serr == nil {
			err = fmt.Errorf("%s: not installed", filepath.Join(dir, "node_modules", rel))
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			err = fmt.Errorf("node_modules/%s: no repository root above the test", rel)
		}
		dir = parent
	}
	Need(t, rel, "run 'npm ci' at the repository root", err)
	return ""
}
