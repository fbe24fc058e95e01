package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gazette/generator/content"
)

// TestHTML_golden imports each testdata/html/<case>/input.html alone and
// compares the article file with want.md; nothing of the page's furniture
// or active content may reach it. The meta-* cases give the metadata
// from one source each (JSON-LD in a @graph, Open Graph and article:,
// Twitter cards, microdata, keywords with <title> and <h1>); the
// furniture-* cases put one kind of furniture each around an article
// (navigation, breadcrumbs, tags and footer; share bars and ad slots;
// related stories and story cards; comments; cookie and newsletter
// boxes; hidden elements and hover cards); structure keeps the body's
// Markdown: links, emphasis, lists, quotes, tables, code, images.
func TestHTML_golden(t *testing.T) {
	files := golden(t, "html", "input.html", func(data []byte) (*Result, error) { return HTML(data, nil) })
	for name, got := range files {
		for _, bad := range []string{"alert", "cookies", "Page not found", "newsletter", "Related stories", "All rights reserved",
			"Share on Facebook", "Tweet this", "Advertisement", "Sponsored", "Ferry timetable", "River festival", "cycle lanes",
			"comment", "disaster", "morning briefing", "enable JavaScript", "Skip to", "Loading more", "reporter covering",
			"Local news", "Tags:", "Weather", "<script", "onclick", "javascript:"} {
			if strings.Contains(got, bad) {
				t.Errorf("%s: %q reached the article", name, bad)
			}
		}
	}
}

func TestHTML_charset(t *testing.T) {
	page := []byte("<html><head><meta charset=\"windows-1252\"><title>Caf\xe9 cr\xe8me</title></head><body><article><h1>Caf\xe9 cr\xe8me</h1>" +
		"<p>" + strings.Repeat("Le caf\xe9 est servi chaque matin, avec une cr\xe8me l\xe9g\xe8re et du pain frais. ", 3) + "</p></article></body></html>")
	res, err := HTML(page, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Article.Title != "Café crème" || !strings.Contains(string(res.Article.Body), "Le café est servi") {
		t.Errorf("got %q / %q", res.Article.Title, res.Article.Body)
	}
}

func TestIsHTML(t *testing.T) {
	for in, want := range map[string]bool{"<!DOCTYPE html><html>": true, "\xef\xbb\xbf<html lang=en>": true,
		"  <HEAD><title>x</title>": true, "Just text about <html> tags": false, "": false} {
		if got := IsHTML([]byte(in)); got != want {
			t.Errorf("IsHTML(%q) = %v", in, got)
		}
	}
}

// FuzzHTML: no page may panic, every article made must parse back, and
// no link or image in it may have an address other than http(s) or
// mailto:.
func FuzzHTML(f *testing.F) {
	files, _ := filepath.Glob("testdata/html/*/input.html")
	for _, p := range files {
		data, _ := os.ReadFile(p)
		f.Add(data)
	}
	f.Add([]byte("<html><body><p>x</p></body></html>"))
	f.Add([]byte(`<article><p>Words enough to be a paragraph of the article, with a <a href="JaVaScRiPt:alert(1)">link</a> and <img src="data:image/png;base64,AAAA" alt="x">, and more words to follow here.</p></article>`))
	f.Add([]byte(`<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","headline":"x","author":[1,{"name":2}]}]}</script>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		type result struct {
			res *Result
			err error
		}
		done := make(chan result, 1)
		go func() {
			res, err := HTML(data, nil)
			done <- result{res, err}
		}()
		var r result
		select {
		case r = <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("HTML took over 10 s on %d bytes: it must be stuck", len(data))
		}
		res, err := r.res, r.err
		if err != nil {
			return
		}
		out, err := content.Format(res.Article)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := content.Parse("x.md", out); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		// Links and images keep only http(s) (and mailto:) addresses.
		body := strings.ToLower(string(res.Article.Body))
		for _, bad := range []string{"](javascript:", "](vbscript:", "](data:", "](file:"} {
			if strings.Contains(body, bad) {
				t.Fatalf("%q reached the body:\n%s", bad, out)
			}
		}
	})
}

func TestHTML_charsets(t *testing.T) {
	article := func(head, word string) []byte {
		return []byte("<html><head>" + head + "<title>T</title></head><body><article><h1>" + word + "</h1><p>" +
			strings.Repeat(word+" is a word of this page, written in its own character set, many times over. ", 4) + "</p></article></body></html>")
	}
	tests := []struct {
		name string
		page []byte
		want string
	}{
		{"ISO-8859-1", article(`<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">`, "Gar\xe7on"), "Garçon"},
		{"Windows-1252 quotes", article(`<meta charset="windows-1252">`, "\x93Quoted\x94"), "“Quoted”"},
		{"Shift_JIS", article(`<meta charset="Shift_JIS">`, "\x93\xfa\x96{"), "日本"},
		{"UTF-8 without a declaration", article("", "Łódź"), "Łódź"},
		{"UTF-8 without a declaration, ASCII first kilobyte", article("<!-- "+strings.Repeat("x", 2000)+" -->", "“Łódź”"), "“Łódź”"},
		{"UTF-8 saved under a Latin-1 declaration", article(`<meta charset="iso-8859-1">`, "Gdańsk’s"), "Gdańsk’s"},
		{"declaration after the first kilobyte", article("<!-- "+strings.Repeat("x", 2000)+" --><meta charset=\"Shift_JIS\">", "\x93\xfa\x96{"), "日本"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := HTML(tt.page, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(res.Article.Body), tt.want) {
				t.Errorf("body %q lacks %q", res.Article.Body, tt.want)
			}
		})
	}
}

func TestHTML_malformed(t *testing.T) {
	deep := strings.Repeat("<div>", 10000) + "<p>" + strings.Repeat("Deep down there is still an article with enough words to read. ", 4) + "</p>"
	tests := map[string]string{
		"unclosed tags":  "<html><body><article><p>" + strings.Repeat("An unclosed paragraph of words runs on and on <b>bold <i>italic ", 10),
		"10,000 deep":    deep,
		"no body":        "<title>Just a title</title>",
		"no html at all": strings.Repeat("plain words ", 100),
		"20 MB":          "<html><body><article><h1>A long page</h1>" + strings.Repeat("<p>"+strings.Repeat("A long page of words goes on, with commas, and full stops. ", 8)+"</p>\n", 20<<20/500) + "</article></body></html>",
		"empty":          "",
	}
	if testing.Short() {
		delete(tests, "20 MB")
	}
	for name, page := range tests {
		t.Run(name, func(t *testing.T) {
			res, err := HTML([]byte(page), nil)
			if err != nil {
				msg := err.Error()
				if err != ErrNoArticle && err != ErrEmpty && !strings.HasPrefix(msg, "not readable as HTML: ") {
					t.Errorf("unclear error %v", err)
				}
				t.Logf("%s: %v", name, err)
				return
			}
			if _, err := content.Format(res.Article); err != nil {
				t.Error(err)
			}
			if name == "10,000 deep" && !strings.Contains(string(res.Article.Body), "Deep down there is still an article") {
				t.Errorf("the deep page's text is lost: %q", res.Article.Body)
			}
		})
	}
}

// TestHTML_nothingActive checks that no script, style, frame, form, on*
// attribute or javascript: URL from a page reaches the article.
func TestHTML_nothingActive(t *testing.T) {
	page := `<html><head><style>p{color:red}</style><script>var x = "script text";</script></head><body><article>
<h1>A headline for the test</h1>
<p onclick="alert('onclick')">First paragraph with enough words to count as prose for the article body text.</p>
<iframe src="https://example.org/frame">iframe text</iframe>
<form action="javascript:alert('form')"><input value="form text"><button>button text</button></form>
<p>Second paragraph <a href="javascript:alert('link')">a link</a> with enough words to count as prose for the body.</p>
<noscript>noscript text</noscript><object data="x.swf">object text</object>
<p style="x" onmouseover="alert('over')">Third paragraph with enough words to count as prose for the article body.</p>
</article></body></html>`
	res, err := HTML([]byte(page), nil)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := content.Format(res.Article)
	for _, bad := range []string{"script text", "color:red", "iframe text", "form text", "button text", "noscript text", "object text", "alert", "javascript:", "onclick", "onmouseover"} {
		if strings.Contains(string(out), bad) {
			t.Errorf("%q reached the article:\n%s", bad, out)
		}
	}
	if !strings.Contains(string(out), "Second paragraph a link with enough") {
		t.Errorf("the link's text is lost:\n%s", out)
	}
}

// TestHTML_sources checks that each field says which part of the page
// gave it, from the strongest source the page has.
func TestHTML_sources(t *testing.T) {
	tests := map[string]map[string]string{
		"meta-json-ld":        {"title": "JSON-LD headline", "date": "JSON-LD datePublished", "tags": "JSON-LD keywords", "author": "JSON-LD author", "modified": "JSON-LD dateModified"},
		"meta-open-graph":     {"title": "<meta og:title>", "date": "<meta article:published_time>", "tags": "<meta article:tag>", "source": "<meta og:url>", "image": "<meta og:image>", "site": "<meta og:site_name>", "author": "<meta author>"},
		"meta-twitter-card":   {"title": "<meta twitter:title>", "date": "<time pubdate>", "image": "<meta twitter:image>"},
		"meta-microdata":      {"title": "microdata headline", "date": "microdata datePublished", "author": "microdata author"},
		"meta-keywords-title": {"title": "<title>", "tags": "<meta news_keywords>"},
	}
	for name, want := range tests {
		data, err := os.ReadFile(filepath.Join("testdata/html", name, "input.html"))
		if err != nil {
			t.Fatal(err)
		}
		res, err := HTML(data, nil)
		if err != nil {
			t.Fatal(err)
		}
		for field, from := range want {
			if got := res.Sources[field]; got != from {
				t.Errorf("%s: %s from %q, want %q", name, field, got, from)
			}
		}
	}
}
