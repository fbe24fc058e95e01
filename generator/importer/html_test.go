package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gazette/generator/content"
)

// TestHTML_golden imports each testdata/html/<case>/input.html alone and
// compares the article file with want.md.
func TestHTML_golden(t *testing.T) {
	dirs, _ := filepath.Glob("testdata/html/*")
	if len(dirs) == 0 {
		t.Fatal("no cases")
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, "input.html"))
			if err != nil {
				t.Fatal(err)
			}
			res, err := HTML(data, nil)
			if err != nil {
				t.Fatal(err)
			}
			res.Article.SourceFile = "input.html"
			got, err := content.Format(res.Article)
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join(dir, "want.md")
			if *update {
				os.WriteFile(golden, got, 0o644)
			}
			want, _ := os.ReadFile(golden)
			if string(got) != string(want) {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
			for _, bad := range []string{"alert", "cookies", "Page not found", "newsletter", "Related stories", "All rights reserved", "Share on Facebook", "<script", "onclick"} {
				if strings.Contains(string(got), bad) {
					t.Errorf("%q reached the article", bad)
				}
			}
		})
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

// FuzzHTML: no page may panic, and every article made must parse back.
func FuzzHTML(f *testing.F) {
	files, _ := filepath.Glob("testdata/html/*/input.html")
	for _, p := range files {
		data, _ := os.ReadFile(p)
		f.Add(data)
	}
	f.Add([]byte("<html><body><p>x</p></body></html>"))
	f.Add([]byte(`<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","headline":"x","author":[1,{"name":2}]}]}</script>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := HTML(data, nil)
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
	})
}
