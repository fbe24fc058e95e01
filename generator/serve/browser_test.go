package serve

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"gazette/generator/internal/browsertest"
)

// TestBrowser_liveReload opens pages in Chromium and changes the site
// under them: each change shows in the open page without the test
// reloading it.
func TestBrowser_liveReload(t *testing.T) {
	ctx := browsertest.New(t)
	_, site, base := start(t)
	article := filepath.Join(site, "content/2015/raqqa.md")
	orig, _ := os.ReadFile(article)
	edit := func(path, data string) chromedp.ActionFunc {
		return func(context.Context) error { return os.WriteFile(path, []byte(data), 0o644) }
	}
	h1 := `document.querySelector("h1") && document.querySelector("h1").textContent`
	err := chromedp.Run(ctx,
		chromedp.Navigate(base+"articles/raqqa/"),
		browsertest.WaitFor(h1+` === "France launches more air strikes on IS targets in Syria"`),
		// The page listens for rebuilds once the server said hello.
		browsertest.WaitFor(`window.gazetteLive === true`),
		edit(article, strings.Replace(string(orig), "France launches more air strikes", "France widens its air campaign", 1)),
		browsertest.WaitFor(h1+` === "France widens its air campaign on IS targets in Syria"`),

		chromedp.Navigate(base),
		browsertest.WaitFor(`document.readyState === "complete"`),
		browsertest.WaitFor(`window.gazetteLive === true`),
		edit(filepath.Join(site, "content/brand-new.md"), "---\ntitle: A brand new article\ndate: 2031-01-01\n---\nNews.\n"),
		browsertest.WaitFor(`document.body.textContent.includes("A brand new article")`),

		edit(article, "---\ntitle: [broken\n---\n"),
		browsertest.WaitFor(`document.getElementById("gazette-error") !== null && document.getElementById("gazette-error").textContent.includes("raqqa.md")`),
		edit(article, string(orig)),
		browsertest.WaitFor(`document.getElementById("gazette-error") === null && document.body.textContent.includes("A brand new article")`),
	)
	if err != nil {
		t.Fatal(err)
	}
}
