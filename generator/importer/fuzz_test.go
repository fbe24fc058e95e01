package importer

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"gazette/generator/content"
)

// FuzzText feeds raw bytes through decoding and extraction: no input may
// panic, and every article made must format into a file that parses back
// with its title.
func FuzzText(f *testing.F) {
	files, _ := filepath.Glob("testdata/text/*/input.txt")
	for _, p := range files {
		data, _ := os.ReadFile(p)
		f.Add(data)
	}
	for _, s := range []string{
		article, "", "\x00", "\xff\xfe", "# Title\n\n1. one\n2. two", "A - B - C\n\nTitle\n\nBody text that is long enough to be a paragraph of prose, truly.",
		"Tags:\n\nImage caption x\nImage copyright y", "Published on 31/02/2015 - 25:61 PST",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		text, err := decode(data)
		if err != nil {
			return
		}
		type result struct {
			res *Result
			err error
		}
		done := make(chan result, 1)
		go func() {
			res, err := Text(text, nil)
			done <- result{res, err}
		}()
		var r result
		select {
		case r = <-done:
		case <-time.After(30 * time.Second):
			t.Fatalf("Text took over 30 s on %d bytes: it must be stuck", len(data))
		}
		res, err := r.res, r.err
		if err != nil {
			return
		}
		out, err := content.Format(res.Article)
		if err != nil {
			t.Fatalf("format: %v", err)
		}
		a, err := content.Parse("x.md", out)
		if err != nil {
			t.Fatalf("the article does not parse: %v\n%s", err, out)
		}
		if a.Title == "" {
			t.Fatalf("no title:\n%s", out)
		}
	})
}
