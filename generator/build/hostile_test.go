package build

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"gazette/generator/content"
	"gazette/generator/importer"
	"gazette/generator/internal/browsertest"
)

// hostileSite writes a site whose every field carries one attack from
// testdata/hostile/vectors.txt (forms from the OWASP XSS filter evasion
// list, breakouts, direction overrides, NUL bytes) and returns it with the
// number of vectors.
func hostileSite(t *testing.T) (string, int) {
	t.Helper()
	data, err := os.ReadFile("testdata/hostile/vectors.txt")
	if err != nil {
		t.Fatal(err)
	}
	vectors := strings.Split(strings.TrimSpace(string(data)), "\n")
	vectors = append(vectors, "nul\x00<script>alert(1)</script>", "\x00javascript:alert(1)")
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "content"), 0o755)
	for i, v := range vectors {
		a := &content.Article{
			Title: v, Tags: []string{v, fmt.Sprintf("tag %d", i%5)}, Caption: v, Credit: v, Source: v, Image: v,
			SourceFile: v, Author: v, Summary: v, Params: map[string]any{"note": v},
			Body: []byte(v + "\n\nText around it: " + v + " and more.\n\n> " + v + "\n"),
		}
		if i%2 == 0 {
			a.Summary = "" // made from the body instead
			a.Date, a.DateOnly, _ = content.ParseDate(fmt.Sprintf("2019-01-%02d", 1+i%28))
		}
		out, err := content.Format(a)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "content", fmt.Sprintf("v%02d.md", i)), out, 0o644)
	}
	// The same attacks as a scraped page, through the importer.
	page := "Skip to main content\n\n" + vectors[0] + " headline of a hostile page\n\n"
	for _, v := range vectors {
		if !strings.Contains(v, "\x00") { // a NUL byte makes a page binary, refused whole
			page += "A paragraph of the page that carries " + v + " inside its text, as scraped pages do.\n\n"
		}
	}
	raw := filepath.Join(t.TempDir(), "hostile.txt")
	os.WriteFile(raw, []byte(page), 0o644)
	var why string
	sum, err := importer.Run([]importer.Input{{Name: "hostile.txt", Path: raw}}, importer.Options{Site: dir,
		Report: func(o importer.Outcome) { why = o.Detail }})
	if err != nil || sum[importer.Written] != 1 {
		t.Fatalf("import of the hostile page: %v %v %s", sum, err, why)
	}
	return dir, len(vectors)
}

// TestHostile_noScriptRuns builds the hostile site, opens every page in
// Chromium with alert, confirm, prompt, print and console hooked before
// any page script, and fails if anything from the content ran or
// navigated the page away; every feed must stay well-formed.
func TestHostile_noScriptRuns(t *testing.T) {
	src, n := hostileSite(t)
	ctx := browsertest.New(t)
	base := serveBuilt(t, src)
	dest := readTree(t, buildSite(t, src, base))
	hooks := `window.__ran = [];
for (const f of ["alert", "confirm", "prompt", "print"]) { window[f] = function () { window.__ran.push(f + ":" + [...arguments].join(",")); }; }
for (const f of ["log", "info", "warn", "error", "debug"]) { const orig = console[f]; console[f] = function () { window.__ran.push("console." + f); orig.apply(console, arguments); }; }`
	if err := chromedp.Run(ctx, chromedp.ActionFunc(func(c context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(hooks).Do(c)
		return err
	})); err != nil {
		t.Fatal(err)
	}
	pages := 0
	for name, data := range dest {
		switch {
		case strings.HasSuffix(name, ".html"):
			pages++
			url := base + strings.TrimSuffix(name, "index.html")
			var ran []string
			var loc string
			err := chromedp.Run(ctx,
				chromedp.Navigate(url),
				chromedp.Evaluate(`window.__ran`, &ran),
				chromedp.Evaluate(`location.href`, &loc),
			)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if len(ran) > 0 {
				t.Errorf("%s: script ran: %q", name, ran)
			}
			if loc != url && !strings.HasPrefix(name, "tags/") { // redirect pages are the site's own
				t.Errorf("%s: the page navigated to %s", name, loc)
			}
		case strings.HasSuffix(name, ".xml"):
			d := xml.NewDecoder(bytes.NewReader(data))
			for {
				if _, err := d.Token(); err == io.EOF {
					break
				} else if err != nil {
					t.Errorf("%s: not well-formed XML: %v", name, err)
					break
				}
			}
		case strings.HasSuffix(name, ".json"):
			if !json.Valid(data) {
				t.Errorf("%s: not valid JSON", name)
			}
		}
	}
	// The search page shows titles, tags and snippets of the hostile
	// articles: every result, for words the vectors are made of.
	var ran []string
	var shown, matched int
	err := chromedp.Run(ctx,
		chromedp.Navigate(base+"search/?q=alert+script+img+onerror+javascript+svg+iframe+style"),
		browsertest.WaitFor(resultsShown),
		chromedp.ActionFunc(func(c context.Context) error {
			for range 20 {
				var more bool
				if err := chromedp.Evaluate(`(b => { if (b.hidden) return false; b.click(); return true })(document.getElementById('more'))`, &more).Do(c); err != nil || !more {
					return err
				}
				time.Sleep(200 * time.Millisecond)
			}
			return nil
		}),
		chromedp.Evaluate(`document.querySelectorAll('#results li.card').length`, &shown),
		chromedp.Evaluate(`parseInt(document.getElementById('status').textContent.replace(/,/g, ''))`, &matched),
		chromedp.Evaluate(`window.__ran`, &ran),
	)
	if err != nil {
		t.Fatal(err)
	}
	if shown != matched || shown < n/2 {
		t.Errorf("search showed %d results of %d matched", shown, matched)
	}
	if len(ran) > 0 {
		t.Errorf("search results: script ran: %q", ran)
	}
	t.Logf("%d hostile inputs in every field of %d articles and in one imported page; %d pages and %d search results opened, nothing ran", n, n, pages, shown)
}
