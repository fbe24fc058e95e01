package build

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"gazette/generator/internal/browsertest"
)

// results is the script that lists the search page's results, as
// "title → href" lines.
const results = `[...document.querySelectorAll('#results h2 a')].map(a => a.textContent + ' → ' + new URL(a.href).pathname).join('\n')`

// resultsShown is true once the search page shows its results: the list
// is no longer busy, and the status line says how many match.
const resultsShown = `!document.getElementById('results').hasAttribute('aria-busy') && /match/.test(document.getElementById('status').textContent)`

// waitResults waits until the results are shown and returns them.
func waitResults(out *string) chromedp.Action {
	return chromedp.Tasks{
		browsertest.WaitFor(resultsShown),
		chromedp.Evaluate(results, out),
	}
}

// TestSearch_sample types a query, key by key, into the search box of
// the sample archive's home page, and finds the sample article.
func TestSearch_sample(t *testing.T) {
	ctx := browsertest.New(t)
	base := serveBuilt(t, "../..")
	var got, url string
	err := chromedp.Run(ctx,
		chromedp.Navigate(base),
		chromedp.SendKeys("#site-q", "raqqa strikes\n"),
		chromedp.WaitVisible("#results"),
		waitResults(&got),
		chromedp.Location(&url),
	)
	if err != nil {
		t.Fatal(err)
	}
	want := "France launches more air strikes on IS targets in Syria → /articles/france-launches-more-air-strikes-on-is-targets-in-syria/"
	if !strings.HasPrefix(got, want) {
		t.Errorf("results:\n%s\nwant first:\n%s", got, want)
	}
	if !strings.HasSuffix(url, "/search/?q=raqqa+strikes") {
		t.Errorf("URL %s", url)
	}
	// As you type: each keystroke runs the query; a prefix of three
	// letters or more finds longer words.
	err = chromedp.Run(ctx,
		chromedp.Navigate(base+"search/"),
		chromedp.SendKeys("#q", "islam"),
		waitResults(&got),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got, "France launches") {
		t.Errorf("typing 'islam': results\n%s", got)
	}
}

// TestSearch_filters checks the tag and year filters on the fixture site,
// that the query is kept in the URL, and that the URL brings it back.
func TestSearch_filters(t *testing.T) {
	ctx := browsertest.New(t)
	base := serveBuilt(t, "testdata/site")
	port := "Dockers strike at the port of Le Havre → /articles/port-strike/"
	raqqa := "France launches more air strikes on IS targets in Syria → /articles/raqqa/"
	summit := "Summit in Brussels → /articles/summit/"
	var got, query string
	choose := func(sel, value string) chromedp.Action {
		return chromedp.Evaluate(fmt.Sprintf(`{const s = document.querySelector(%q); s.value = %q; s.dispatchEvent(new Event('change'))}`, sel, value), nil)
	}
	steps := []struct {
		name   string
		action chromedp.Action
		want   []string
		search string
	}{
		{"query", chromedp.Navigate(base + "search/?q=strike"), []string{raqqa, port}, "?q=strike"},
		{"tag", choose("#tag", "economy"), []string{port}, "?q=strike&tag=economy"},
		{"no tag", choose("#tag", ""), []string{raqqa, port}, "?q=strike"},
		{"year", choose("#year", "2016"), nil, "?q=strike&year=2016"},
		{"other query", chromedp.Tasks{chromedp.Evaluate(`document.getElementById("q").value = ""`, nil), chromedp.SendKeys("#q", "EU")}, []string{summit}, "?q=EU&year=2016"},
		{"shared URL", chromedp.Navigate(base + "search/?q=eu&tag=economy&year=2015"), []string{port}, "?q=eu&tag=economy&year=2015"},
	}
	for _, s := range steps {
		err := chromedp.Run(ctx, s.action, waitResults(&got),
			chromedp.Evaluate(`location.search`, &query))
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if want := strings.Join(s.want, "\n"); got != want {
			t.Errorf("%s: results\n%s\nwant\n%s", s.name, got, want)
		}
		if query != s.search {
			t.Errorf("%s: URL query %q, want %q", s.name, query, s.search)
		}
	}
	var tag, year string
	if err := chromedp.Run(ctx, chromedp.Value("#tag", &tag), chromedp.Value("#year", &year)); err != nil {
		t.Fatal(err)
	}
	if tag != "economy" || year != "2015" {
		t.Errorf("shared URL: filters %q %q", tag, year)
	}
}

// TestSearch_keyboard: the arrow keys move from the search box through
// the results' titles, and Enter follows one.
func TestSearch_keyboard(t *testing.T) {
	ctx := browsertest.New(t)
	base := serveBuilt(t, "testdata/site")
	var got, focused, url string
	err := chromedp.Run(ctx,
		chromedp.Navigate(base+"search/"),
		chromedp.SendKeys("#q", "strike"),
		waitResults(&got),
		chromedp.KeyEvent("\u0301"), // ArrowDown
		chromedp.KeyEvent("\u0301"),
		chromedp.Evaluate(`document.activeElement.textContent`, &focused),
		chromedp.KeyEvent("\r"),
		chromedp.WaitReady(".article"),
		chromedp.Location(&url),
	)
	if err != nil {
		t.Fatal(err)
	}
	if focused != "Dockers strike at the port of Le Havre" || !strings.HasSuffix(url, "/articles/port-strike/") {
		t.Errorf("focused %q, went to %s", focused, url)
	}
}

// TestSearch_noScript: without JavaScript the search page says how else
// to find an article.
func TestSearch_noScript(t *testing.T) {
	ctx := browsertest.New(t)
	base := serveBuilt(t, "testdata/site")
	var text string
	err := chromedp.Run(ctx,
		emulation.SetScriptExecutionDisabled(true),
		chromedp.Navigate(base+"search/?q=strike"),
		chromedp.Text("main", &text),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "by tag or by date") || strings.Contains(text, "match") {
		t.Errorf("search page without script:\n%s", text)
	}
}
